import path from 'node:path';
import type ts from 'typescript';
import { TransformError } from '@vimage/transform';
import type { VimagePluginOptions } from './core/options.js';
import { VimageProgram } from './tsc/transformer.js';

export type { VimagePluginOptions } from './core/options.js';
export { emitWithVimage, type EmitWithVimageOptions, type EmitWithVimageResult } from './tsc/emit.js';
export { VimageProgram } from './tsc/transformer.js';
export { VIMAGE_DIAGNOSTIC_CODE } from './tsc/diagnostics.js';

/** ts-patch's own keys of a `compilerOptions.plugins` entry; the rest are vimage's options. */
const TS_PATCH_KEYS = ['transform', 'name', 'type', 'import', 'isEsm', 'tsConfig', 'resolvePathAliases', 'transformProgram', 'after', 'afterDeclarations'] as const;

/** What ts-patch passes a `program` transformer besides the program and the config. */
export interface TransformerExtras {
  addDiagnostic?(diagnostic: ts.Diagnostic): unknown;
}

/**
 * `@vimage/plugin/tsc` for ts-patch:
 * `"plugins": [{ "transform": "@vimage/plugin/tsc", "vimage": true }]` in compilerOptions.
 * It must run before TypeScript's transforms (the default): it reads the original text and
 * types. Errors go to tsc's diagnostics; the failing file is emitted unchanged, so set
 * `noEmitOnError` or use `vimage tsc` (emitWithVimage), which writes nothing on error.
 *
 * TypeScript 7 (the native port) has no transformer API: stay on TypeScript 6.x for this
 * adapter, or build with a bundler adapter (rollup, vite, esbuild) and use tsc 7 to type-check.
 */
export default function vimageTransformer(program: ts.Program, config: Record<string, unknown> = {}, extras: TransformerExtras = {}): ts.TransformerFactory<ts.SourceFile> {
  if (config.after || config.afterDeclarations) {
    throw new TransformError('VIMAGE_BAD_OPTION', '@vimage/plugin/tsc: must run before TypeScript\'s own transforms', 'remove "after" / "afterDeclarations" from its plugins entry');
  }
  const options: VimagePluginOptions = Object.fromEntries(Object.entries(config).filter(([key]) => !(TS_PATCH_KEYS as readonly string[]).includes(key)));
  // A relative root in a tsconfig is relative to that tsconfig.
  const configFile = program.getCompilerOptions().configFilePath;
  if (typeof options.root === 'string' && typeof configFile === 'string') options.root = path.resolve(path.dirname(configFile), options.root);
  const report = extras.addDiagnostic && ((d: ts.Diagnostic) => void extras.addDiagnostic!(d));
  return new VimageProgram(program, options).factory(report);
}
