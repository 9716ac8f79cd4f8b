import { TransformError, errors } from '@vimage/transform';

const TYPESCRIPT_ID = /\.[cm]?tsx?$/;
/** TypeScript's decorator helpers (standard and experimental decorators): only in its output. */
const DECORATOR_HELPERS = /\b__(?:esDecorate|decorate)\b/;

/**
 * A TypeScript module must reach vimage as written: a plugin that compiles TypeScript in its
 * `load` hook (@rollup/plugin-typescript does) hands it compiled code, where an `@vnet` field
 * is lowered to decorator helpers and, with `removeComments`, `/** @vnet *\/` tags are gone.
 * The helpers are the sign that is left; a module with them that uses the runtime is refused.
 */
export function checkNotCompiled(code: string, id: string, runtimeModule: string): void {
  if (!TYPESCRIPT_ID.test(id) || !code.includes(runtimeModule)) return;
  const helper = DECORATOR_HELPERS.exec(code);
  if (!helper) return;
  const where = { source: code, file: id, pos: helper.index };
  throw new TransformError(errors.compiledInput(id, helper[0]), where);
}

/**
 * @rollup/plugin-typescript (named `typescript`, with a `load` hook) compiles in `load`, before
 * vimage's transform: said at the start of a build, since a removed tag leaves no sign in the code.
 */
export function loadHookCompilerWarning(
  plugins: ReadonlyArray<{ name: string; load?: unknown }>,
): string | undefined {
  if (!plugins.some((p) => p.name === 'typescript' && p.load)) return undefined;
  return (
    '@rollup/plugin-typescript compiles TypeScript in its load hook, so vimage sees compiled ' +
    'code: an @vnet field is lowered to decorator helpers, and with removeComments every ' +
    '/** @vnet */ global stays shared. Use a TypeScript step in the transform hook after ' +
    'vimage instead, such as rollup-plugin-esbuild'
  );
}
