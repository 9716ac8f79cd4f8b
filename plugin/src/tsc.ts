import type ts from 'typescript';
import { PLUGIN_NAME, optionsFromEntry } from './tsc/config.js';
import { VimageProgram } from './tsc/transformer.js';
import { checkProjectTypeScript } from './tsc/version.js';

export type { VimagePluginOptions } from './core/options.js';
export {
  emitWithVimage,
  type EmitWithVimageOptions,
  type EmitWithVimageResult,
} from './tsc/emit.js';
export { VimageProgram } from './tsc/transformer.js';
export { VIMAGE_DIAGNOSTIC_CODE, type VimageDiagnostic } from './tsc/diagnostics.js';

/** What ts-patch passes a `program` transformer besides the program and the config. */
export interface TransformerExtras {
  addDiagnostic?(diagnostic: ts.Diagnostic): unknown;
  /** The TypeScript ts-patch patched: the project's. */
  ts?: { version: string };
}

/**
 * `@vimage/plugin/tsc` for ts-patch:
 * `"plugins": [{ "transform": "@vimage/plugin/tsc", "vimage": true }]` in compilerOptions.
 * It must run before TypeScript's transforms (the default): it reads the original text and
 * types. Errors are found during emit, so they reach tsc's diagnostics (tsc fails) after the
 * failing file was emitted unchanged; `vimage tsc` (emitWithVimage) checks first and writes
 * nothing. ts-patch 4, the first with TypeScript 6 support, needs Node 22.15 or newer; the
 * same tsconfig entry also configures `vimage tsc`, which needs no patching.
 *
 * TypeScript 7 (the native port) has no transformer API: stay on TypeScript 6.x for this
 * adapter, or build with a bundler adapter (rollup, vite, esbuild) and use tsc 7 to type-check.
 */
export default function vimageTransformer(
  program: ts.Program,
  config: Record<string, unknown> = {},
  extras: TransformerExtras = {},
): ts.TransformerFactory<ts.SourceFile> {
  checkProjectTypeScript(extras.ts?.version, PLUGIN_NAME);
  const options = optionsFromEntry(config, program.getCompilerOptions());
  const report = extras.addDiagnostic && ((d: ts.Diagnostic) => void extras.addDiagnostic!(d));
  return new VimageProgram(program, options).factory(report);
}
