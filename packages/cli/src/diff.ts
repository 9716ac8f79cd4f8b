import { structuredPatch } from 'diff';
import type { Style } from './output.js';

export interface DiffLabels {
  old: string;
  new: string;
}

/** `--- a` / `+++ b` / `@@` hunks with 3 lines of context: what `diff -u` and `git apply` read. */
export function unifiedDiff(before: string, after: string, labels: DiffLabels, s?: Style): string {
  const patch = structuredPatch(labels.old, labels.new, before, after, undefined, undefined, {
    context: 3,
  });
  const out = [paint(s?.bold, `--- ${labels.old}`), paint(s?.bold, `+++ ${labels.new}`)];
  for (const h of patch.hunks) {
    out.push(paint(s?.cyan, `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`));
    for (const line of h.lines)
      out.push(
        line.startsWith('+')
          ? paint(s?.green, line)
          : line.startsWith('-')
            ? paint(s?.red, line)
            : line,
      );
  }
  return out.join('\n');
}

/**
 * The same hunks in two columns, as `sdiff` shows them: `|` a changed line, `<` only in the
 * left (VIMAGE off), `>` only in the right (VIMAGE on), line numbers before each side.
 */
export function sideBySide(
  before: string,
  after: string,
  labels: DiffLabels,
  total: number,
  s?: Style,
): string {
  const patch = structuredPatch(labels.old, labels.new, before, after, undefined, undefined, {
    context: 3,
  });
  const col = Math.max(20, Math.floor((total - 3) / 2));
  const cell = (n: number | undefined, text: string | undefined): string => {
    const body = text === undefined ? '' : `${String(n).padStart(4)}  ${text.replace(/\t/g, '  ')}`;
    return body.length > col ? `${body.slice(0, col - 1)}…` : body.padEnd(col);
  };
  const row = (
    mark: string,
    l: [number, string] | undefined,
    r: [number, string] | undefined,
  ): string => {
    const left = cell(l?.[0], l?.[1]);
    const right = cell(r?.[0], r?.[1]).trimEnd();
    if (mark === ' ') return `${left} ${mark} ${right}`.trimEnd();
    const paintL = mark === '>' ? (t: string) => t : (t: string) => paint(s?.red, t);
    const paintR = mark === '<' ? (t: string) => t : (t: string) => paint(s?.green, t);
    return `${paintL(left)} ${paint(s?.yellow, mark)} ${paintR(right)}`.trimEnd();
  };
  const out = [paint(s?.bold, `${labels.old.padEnd(col)}   ${labels.new}`)];
  for (const h of patch.hunks) {
    out.push(paint(s?.cyan, `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`));
    let o = h.oldStart;
    let n = h.newStart;
    const lines = h.lines.filter((l) => !l.startsWith('\\'));
    for (let i = 0; i < lines.length; ) {
      if (lines[i]!.startsWith(' ')) {
        out.push(row(' ', [o++, lines[i]!.slice(1)], [n++, lines[i]!.slice(1)]));
        i++;
        continue;
      }
      const removed: string[] = [];
      const added: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('-')) removed.push(lines[i++]!.slice(1));
      while (i < lines.length && lines[i]!.startsWith('+')) added.push(lines[i++]!.slice(1));
      for (let k = 0; k < Math.max(removed.length, added.length); k++) {
        const l = k < removed.length ? ([o++, removed[k]!] as [number, string]) : undefined;
        const r = k < added.length ? ([n++, added[k]!] as [number, string]) : undefined;
        out.push(row(l && r ? '|' : l ? '<' : '>', l, r));
      }
    }
  }
  return out.join('\n');
}

function paint(p: ((t: string) => string) | undefined, text: string): string {
  return p ? p(text) : text;
}
