import path from 'node:path';
import type { UnpluginBuildContext, UnpluginContext, UnpluginOptions } from 'unplugin';
import { TransformError, type TransformResult, type VimageModuleMeta } from '@vimage/transform';
import type { ResolveId, VimageCore } from './core.js';
import { toLocatedError } from './errors.js';
import { placedWarningText } from './errors.js';
import { LINKER_SET_ID, RESOLVED_LINKER_SET_ID, encodedLinkerSetModule } from './linker-set.js';

type GenericHooks = Pick<
  UnpluginOptions,
  'buildStart' | 'watchChange' | 'resolveId' | 'load' | 'transform'
>;

/**
 * unplugin's generic hooks, for the hosts that need nothing of their own but the linker set
 * (webpack, rspack): `virtual:vimage/set` as a placeholder the host fills in its written
 * chunks, and the transform, which records each module's metadata in `metas` for that set.
 */
export function genericHooks(core: VimageCore, metas: Map<string, VimageModuleMeta>): GenericHooks {
  return {
    buildStart() {
      core.reset();
    },

    watchChange(id) {
      core.invalidate(id);
    },

    resolveId: {
      // Webpack and rspack ask for the resolved id (see webpack-like.ts).
      filter: { id: /^\0?virtual:vimage\/set$/ },
      handler: (source) =>
        [LINKER_SET_ID, RESOLVED_LINKER_SET_ID].includes(source) ? RESOLVED_LINKER_SET_ID : null,
    },

    load: {
      filter: { id: /^\0virtual:vimage\/set$/ },
      handler: (id) => (id === RESOLVED_LINKER_SET_ID ? encodedLinkerSetModule() : null),
    },

    async transform(code, id) {
      const read = new Set<string>();
      const result = await transformModule(core, code, id, loaderResolve(this), (f) => read.add(f));
      // Webpack rebuilds a module only when one of its dependencies changes: a change to what
      // an imported file exports virtualized must rewrite this module's accesses again.
      for (const file of read) if (file !== id) this.addWatchFile(file);
      if (!result) return void metas.delete(id);
      metas.set(id, result.meta);
      // These hosts print a warning's message alone: it carries the place and the frame.
      for (const w of result.warnings) {
        this.warn({ message: placedWarningText(w), code: w.code, loc: w.loc, id });
      }
      return { code: result.code, map: result.map };
    },
  };
}

/**
 * The transform for hosts that report an error by its message alone (webpack, rspack, and a
 * jest transformer): a TransformError becomes an Error whose message carries file, line,
 * column, the fix and the code frame.
 */
export async function transformModule(
  core: VimageCore,
  code: string,
  id: string,
  resolveId: ResolveId,
  read?: (file: string) => void,
): Promise<TransformResult | null> {
  try {
    return await core.transform(code, id, resolveId, read);
  } catch (error) {
    throw error instanceof TransformError ? toLocatedError(error) : error;
  }
}

type Resolved = (error: Error | null, result?: string | false) => void;
type Resolve = (context: string, request: string, callback: Resolved) => void;
interface LoaderContext {
  getResolve(options: { dependencyType: string }): Resolve;
}

/** Imports resolved as the host resolves an ESM import: webpack's and rspack's loader context. */
function loaderResolve(ctx: UnpluginBuildContext & UnpluginContext): ResolveId {
  const native = ctx.getNativeBuildContext?.();
  const loader = native && 'loaderContext' in native ? native.loaderContext : undefined;
  if (!loader) return async () => null;
  const resolve = (loader as LoaderContext).getResolve({ dependencyType: 'esm' });
  return (source, importer) =>
    new Promise((done) => {
      const dir = path.dirname(importer);
      resolve(dir, source, (error, result) => done(error || !result ? null : result));
    });
}
