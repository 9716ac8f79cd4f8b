import { readFileSync } from 'node:fs';
import { codeFrame, warnings, type ModuleExports, type VimageModuleMeta } from '@vimage/transform';
import type { ResolveId, VimageCore } from './core.js';

/** An automatically virtualized global that a bundle exports to code the plugin does not build. */
export interface ExposedGlobal {
  code: 'VIMAGE_W_EXPORT';
  message: string;
  /** The defining module's file, and the declaration in it (column 0-based). */
  id: string;
  loc: { file: string; line: number; column: number };
  frame: string;
}

/**
 * A bundle's public exports (an entry chunk's) that alias automatically virtualized globals: an
 * importer the plugin did not build reads the export binding, which keeps the value at
 * declaration, never a vnet's value nor vnet0's later ones. Marked globals are the user's
 * explicit choice and documented; automatic ones are found here, since nobody chose them.
 */
export function exposedAutoGlobals(
  bundleFile: string,
  exportNames: readonly string[],
  exports: ModuleExports,
  modules: Iterable<readonly [string, VimageModuleMeta]>,
): ExposedGlobal[] {
  const auto = new Map<string, { id: string; line: number; column: number }>();
  for (const [id, meta] of modules) {
    for (const d of meta.defines) {
      if (d.form !== 'auto' || d.name.includes('.')) continue;
      auto.set(d.symbol, { id, line: d.line, column: d.column });
    }
  }
  const out: ExposedGlobal[] = [];
  for (const name of exportNames) {
    const target = exports[name];
    const at = target && 'symbol' in target ? auto.get(target.symbol) : undefined;
    if (!at) continue;
    let frame = '';
    try {
      frame = codeFrame(readFileSync(at.id, 'utf8'), at.line, at.column);
    } catch {
      // A virtual module has no file to show.
    }
    out.push({
      ...warnings.exportedAuto(bundleFile, name, (target as { symbol: string }).symbol),
      id: at.id,
      loc: { file: at.id, line: at.line, column: at.column },
      frame,
    });
  }
  return out;
}

/**
 * The same for a host that tells no entry chunk's export names (esbuild, webpack, rspack): the
 * bundle of `entry` exports what the entry module exports, as read from the sources.
 */
export async function exposedByEntry(
  core: VimageCore,
  entry: string,
  bundle: string,
  modules: Iterable<readonly [string, VimageModuleMeta]>,
  resolveId: ResolveId,
): Promise<ExposedGlobal[]> {
  if (!core.config.transform.vimage || !core.filter(entry)) return [];
  const exports = await core.exportsOfFile(entry, resolveId);
  return exposedAutoGlobals(bundle, Object.keys(exports), exports, modules);
}
