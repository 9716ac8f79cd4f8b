import path from 'node:path';
import type ts from 'typescript';
import { TransformError, errors } from '@vimage/transform';
import type { VimagePluginOptions } from '../core/options.js';

/** The module name of the adapter, as a `compilerOptions.plugins` entry names it. */
export const PLUGIN_NAME = '@vimage/plugin/tsc';

/** ts-patch's own keys of a `compilerOptions.plugins` entry; the rest are vimage's options. */
const TS_PATCH_KEYS = [
  'transform',
  'name',
  'type',
  'import',
  'isEsm',
  'tsConfig',
  'resolvePathAliases',
  'transformProgram',
  'after',
  'afterDeclarations',
];

/** vimage's options from a plugins entry; a relative root is relative to the tsconfig. */
export function optionsFromEntry(
  entry: Record<string, unknown>,
  compilerOptions: ts.CompilerOptions,
): VimagePluginOptions {
  if (entry.after || entry.afterDeclarations) {
    throw new TransformError(errors.tscAfter(PLUGIN_NAME));
  }
  const options: VimagePluginOptions = Object.fromEntries(
    Object.entries(entry).filter(([key]) => !TS_PATCH_KEYS.includes(key)),
  );
  const configFile = compilerOptions.configFilePath;
  if (typeof options.root === 'string' && typeof configFile === 'string')
    options.root = path.resolve(path.dirname(configFile), options.root);
  return options;
}

/**
 * The project's own vimage entry, so that `vimage tsc` and ts-patch builds of one tsconfig agree.
 */
export function entryOf(compilerOptions: ts.CompilerOptions): Record<string, unknown> | undefined {
  const plugins = compilerOptions.plugins as Array<Record<string, unknown>> | undefined;
  return plugins?.find((p) => p.transform === PLUGIN_NAME);
}
