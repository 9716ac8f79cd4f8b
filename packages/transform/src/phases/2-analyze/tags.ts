import type ts from 'typescript';

export interface VnetTag {
  /** The whole `/** ... *\/` comment. */
  start: number;
  end: number;
  /** Where `@vnet` is inside it. */
  tagPos: number;
}

const TAG = /(?:^|\n)[\s*]*(@vnet)(?![\w$-])/;

/**
 * The `/** @vnet *\/` comment before a node's first token, if any. Scanned by hand: the
 * parse skips JSDoc (a quarter of the parser's time on commented code), and TypeScript
 * attaches none after another token on the same line, as in
 * `class Tcp { /** @vnet *\/ static x = 1 }`.
 */
export function vnetTag(code: string, sf: ts.SourceFile, node: ts.Node): VnetTag | undefined {
  const to = node.getStart(sf);
  let found: VnetTag | undefined;
  let i = node.pos;
  if (i === 0 && code.startsWith('#!')) i = lineEnd(code, 0);
  while (i < to) {
    const c = code.charCodeAt(i);
    if (c === 47 /* / */ && code.charCodeAt(i + 1) === 47) {
      i = lineEnd(code, i);
    } else if (c === 47 && code.charCodeAt(i + 1) === 42 /* * */) {
      const close = code.indexOf('*/', i + 2);
      const end = close < 0 ? to : close + 2;
      const text = code.slice(i, end);
      const m = text.startsWith('/**') && text.length > 4 ? TAG.exec(text.slice(3, -2)) : null;
      if (m) found = { start: i, end, tagPos: i + 3 + m.index + m[0].length - m[1]!.length };
      i = end;
    } else {
      i++;
    }
  }
  return found;
}

function lineEnd(code: string, i: number): number {
  const n = code.indexOf('\n', i);
  return n < 0 ? code.length : n;
}
