import type MagicString from 'magic-string';

/** 1 for the characters an identifier is made of ([A-Za-z0-9_$]); the rest of ASCII is 0. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = /[\w$]/.test(String.fromCharCode(c)) ? 1 : 0;

/**
 * A source map with a mapping at every token of the original (the positions V8 reports in a
 * stack trace: a callee, a property name, an operator, a `(` or `[`), and at every edit:
 * the start of every word and every punctuation character. magic-string's `hires: true` maps
 * every character, spaces included: about four times the work and the size for the same
 * answers at token starts.
 */
export function tokenMap(ms: MagicString, original: string, file?: string): ReturnType<MagicString['generateMap']> {
  let inWord = false;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    // Outside ASCII, every character starts a token: rare, and never wrong.
    const word = c < 128 && WORD[c] === 1;
    if (word ? !inWord : c !== 32 && c !== 10 && c !== 9 && c !== 13) ms.addSourcemapLocation(i);
    inWord = word;
  }
  return ms.generateMap({ hires: false, source: file, file, includeContent: true });
}
