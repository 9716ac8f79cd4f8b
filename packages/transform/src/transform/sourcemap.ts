import type MagicString from 'magic-string';

/** The start of every word and of every punctuation character: a token's start. */
const TOKEN_START = /[\w$]+|[^\s\w$]/g;

/**
 * A source map with a mapping at every token of the original (the positions V8 reports in a
 * stack trace: a callee, a property name, a `(` or `[`), and at every edit. magic-string's
 * `hires: true` maps every character, spaces included: about four times the work and the size
 * for the same answers at token starts.
 */
export function tokenMap(ms: MagicString, original: string, file?: string): ReturnType<MagicString['generateMap']> {
  for (const m of original.matchAll(TOKEN_START)) ms.addSourcemapLocation(m.index);
  return ms.generateMap({ hires: false, source: file, file, includeContent: true });
}
