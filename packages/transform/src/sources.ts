/**
 * Every module specifier the code imports or re-exports from, found in the text without a
 * parse: each string literal after `from`, after `import` (`import 'm'`, `import('m')`) and
 * in `import x = require('m')`, comments allowed between. Strings and comments are not
 * skipped, so a specifier is never missed (a regular expression literal cannot hide one), and
 * a match inside a string or comment only costs the caller one resolution. TypeScript's
 * preProcessFile does the same job with its scanner, about half the parser's time on small
 * modules; a test holds this list to contain everything it finds.
 */
// Each alternative can match a stretch one way only (a comment cannot end early or run past
// its `*/`), so a failed match backtracks in linear time, not in exponential.
const GAP = String.raw`(?:\s|/\*(?:[^*]|\*(?!/))*\*/|//[^\n]*(?:\n|$))*`;
// A quoted string, its text in group 1, 2 or 3 by quote.
const SINGLE = String.raw`'((?:[^'\\\n]|\\[\s\S])*)'`;
const DOUBLE = String.raw`"((?:[^"\\\n]|\\[\s\S])*)"`;
const BACKTICK = String.raw`\x60((?:[^\x60\\$]|\\[\s\S]|\$(?!\{))*)\x60`;
const STRING = `(?:${SINGLE}|${DOUBLE}|${BACKTICK})`;
const IMPORT_EQUALS =
  String.raw`import${GAP}(?:type${GAP})?[\w$]+${GAP}=${GAP}` + String.raw`require${GAP}\(${GAP}`;
const SPECIFIER = new RegExp(
  String.raw`(?<![\w$])(?:from${GAP}|import${GAP}(?:\(${GAP})?|${IMPORT_EQUALS})${STRING}`,
  'g',
);
const ESCAPE =
  /\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|\r\n?|[\n\u2028\u2029]|(.))/g;

export function importSources(code: string): string[] {
  const out: string[] = [];
  // Most modules have a few imports at the top: the keywords are rare enough to search for.
  if (!code.includes('from') && !code.includes('import')) return out;
  for (const m of code.matchAll(SPECIFIER)) {
    const raw = m[1] ?? m[2] ?? m[3]!;
    out.push(raw.includes('\\') ? literalValue(raw) : raw);
  }
  return out;
}

/**
 * The value of a string literal's body: `\x41`, `\u0041`, `\u{41}`, line continuations, `\n`-style
 * escapes.
 */
function literalValue(raw: string): string {
  const simple: Record<string, string> = {
    n: '\n',
    r: '\r',
    t: '\t',
    b: '\b',
    f: '\f',
    v: '\v',
    '0': '\0',
  };
  return raw.replace(ESCAPE, (_, braced?: string, u4?: string, x2?: string, other?: string) => {
    const hex = braced ?? u4 ?? x2;
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    if (other === undefined) return '';
    return simple[other] ?? other;
  });
}
