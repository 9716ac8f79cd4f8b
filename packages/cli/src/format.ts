import type { LinkerSet } from './linker.js';
import { display, plural, table, type Output } from './output.js';

/** The linker set as a table and its totals, as `set` and `compare` print it. */
export function formatSet(set: LinkerSet, out: Output): string {
  const { s } = out;
  if (!set.rows.length) return 'no virtualized globals';
  const rows = set.rows.map((r) => [
    s.bold(r.symbol),
    r.module,
    String(r.slot),
    r.copy,
    r.form,
    r.initializer
      ? `${display(r.file)}:${r.initializer.line}:${r.initializer.column + 1}`
      : s.dim('(no initializer)'),
  ]);
  return [
    table([['symbol', 'module', 'slot', 'copy', 'form', 'initializer'].map(s.dim), ...rows]),
    '',
    formatTotals(set),
  ].join('\n');
}

export function formatTotals({ totals: t }: LinkerSet): string {
  const copy = Object.entries(t.copy)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const form = Object.entries(t.form)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const where = `${plural(t.globals, 'global')} in ${plural(t.modules, 'module')}`;
  return `${where}; copy: ${copy}; form: ${form}`;
}
