import type { Definition, VimageModuleMeta } from '@vimage/transform';

/**
 * The id importers use, and the one the adapters resolve it to (NUL: no other plugin touches it).
 */
export const LINKER_SET_ID = 'virtual:vimage/set';
export const RESOLVED_LINKER_SET_ID = '\0virtual:vimage/set';

/** One row of the static linker set, as `virtual:vimage/set` exports it. */
export interface LinkerSetRow extends Definition {
  module: string;
  /** Index in this static table: modules in path order, globals in source order. */
  slot: number;
}

/** The set from every module's metadata, in a stable order: one program, the same bytes. */
export function linkerSetRows(metas: Iterable<VimageModuleMeta>): LinkerSetRow[] {
  const sorted = [...metas]
    .filter((m) => m.defines.length)
    .sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
  const rows: LinkerSetRow[] = [];
  for (const meta of sorted) {
    for (const d of meta.defines) {
      rows.push({
        symbol: d.symbol,
        module: meta.module,
        name: d.name,
        slot: rows.length,
        copy: d.copy,
        form: d.form,
        line: d.line,
        column: d.column,
      });
    }
  }
  return rows;
}

/**
 * The virtual module's source. Bundlers fill the placeholder once the module graph is
 * complete (rollup's renderChunk); a host that knows the set up front passes the rows.
 */
export const LINKER_SET_PLACEHOLDER = '__VIMAGE_LINKER_SET__';
export function linkerSetModule(rows?: LinkerSetRow[]): string {
  const json = rows ? JSON.stringify(JSON.stringify(rows)) : JSON.stringify(LINKER_SET_PLACEHOLDER);
  return (
    '/** The linker set: every virtualized global of the program (symbol, module, slot, ' +
    `copy kind). */\nexport default JSON.parse(${json});\n`
  );
}

/**
 * The set module for hosts that fill the placeholder in their written chunks (webpack, rspack),
 * where a module may sit inside an `eval` string: URI-encoded rows need no escaping at any depth.
 */
export function encodedLinkerSetModule(): string {
  const placeholder = JSON.stringify(LINKER_SET_PLACEHOLDER);
  return linkerSetModule().replace(
    /JSON\.parse\(.*\)/,
    `JSON.parse(decodeURIComponent(${placeholder}))`,
  );
}

/** What replaces the placeholder of encodedLinkerSetModule: no quote, backslash or newline. */
export function encodedLinkerSetRows(rows: LinkerSetRow[]): string {
  return encodeURIComponent(JSON.stringify(rows)).replace(/'/g, '%27');
}
