import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import fc from 'fast-check';
import MagicString, { type SourceMap } from 'magic-string';
import { describe, expect, it } from 'vitest';
import { tokenMap, transform } from '../src/index.js';

/**
 * Every identifier that survives into the output (rewritten or not) must map back to its
 * own line and column in the input, in both modes: stack traces and breakpoints land there.
 */
const input = `import { VNET_DEFINE, vnet } from '@vimage/runtime';
/** @vnet */ export let hits = 0;
export const table = VNET_DEFINE(new Map<string, number>());
export class Tcp { @vnet static sendspace = 32768; }
export function count(key: string) {
  hits++;
  const seen = table.get(key) ?? 0;
  table.set(key, seen + 1);
  return { hits, seen, sendspace: Tcp.sendspace };
}
`;

function positionsOf(code: string, word: string): Array<{ line: number; column: number }> {
  const out: Array<{ line: number; column: number }> = [];
  code.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(new RegExp(`\\b${word}\\b`, 'g')))
      out.push({ line: i + 1, column: m.index! });
  });
  return out;
}

describe('sourcemaps of the transform', () => {
  for (const vimage of [false, true]) {
    it(`map each kept token to its place in the input (VIMAGE ${vimage ? 'on' : 'off'})`, () => {
      const result = transform(input, '/project/src/count.ts', { vimage, root: '/project' })!;
      const map = new TraceMap(result.map as never);
      // Relative to the file, as bundlers resolve a transform's map against the module id.
      expect(map.sources).toEqual(['count.ts']);
      for (const word of ['count', 'seen', 'key', 'table', 'hits']) {
        // The prologue on line 1 is generated: it names the module path, which contains `count`.
        const prologueEnd = result.code.indexOf('import { VNET_DEFINE');
        const inOut = positionsOf(result.code, word).filter(
          (p) => p.line > 1 || p.column >= prologueEnd,
        );
        const inIn = positionsOf(input, word);
        expect(inOut.length, word).toBeGreaterThan(0);
        const mapped = inOut
          .map((p) => originalPositionFor(map, p))
          .map((p) => ({ line: p.line, column: p.column }));
        // Every occurrence in the output comes from one in the input.
        for (const m of mapped) expect(inIn, `${word} at ${JSON.stringify(m)}`).toContainEqual(m);
      }
    });
  }

  it('maps a rewritten access to the identifier it replaced', () => {
    const result = transform(input, '/project/src/count.ts', { vimage: true, root: '/project' })!;
    const map = new TraceMap(result.map as never);
    const lines = result.code.split('\n');
    const line = lines.findIndex((l) => l.includes('++'));
    const column = lines[line]!.indexOf('__vimage.c[$vnet_hits]');
    expect(column).toBeGreaterThanOrEqual(0);
    expect(originalPositionFor(map, { line: line + 1, column })).toMatchObject({
      line: 6,
      column: 2,
    });
    // The whole rewritten text belongs to `hits`, so a column inside it still maps there.
    expect(originalPositionFor(map, { line: line + 1, column: column + 5 })).toMatchObject({
      line: 6,
      column: 2,
    });
  });

  it('maps every token start, punctuation included, to its place in the input (the positions V8 reports)', () => {
    const result = transform(input, '/project/src/count.ts', { vimage: true, root: '/project' })!;
    const map = new TraceMap(result.map as never);
    const lines = result.code.split('\n');
    // Line 7 has a rewritten access before `.get(key)`: its tokens shifted right.
    const out = lines[6]!;
    const original = input.split('\n')[6]!;
    expect(out).not.toBe(original);
    for (const token of ['.get', '(key', 'key)', ') ??', '?? 0']) {
      const mapped = originalPositionFor(map, { line: 7, column: out.indexOf(token) });
      expect({ token, line: mapped.line, column: mapped.column }).toEqual({
        token,
        line: 7,
        column: original.indexOf(token),
      });
    }
    // A line edited only at its end (the re-read of curvnet after the function's `{`) keeps
    // every original token's column.
    const plain = 5;
    const source = input.split('\n')[plain - 1]!;
    expect(lines[plain - 1]).toBe(`${source} __vimage.e();`);
    for (const m of source.matchAll(/[\w$]+|[^\s\w$]/g)) {
      expect(originalPositionFor(map, { line: plain, column: m.index! })).toMatchObject({
        line: plain,
        column: m.index!,
      });
    }
  });

  it('keeps every line where it was: the prologue shares the first line', () => {
    for (const vimage of [false, true]) {
      const result = transform(input, '/project/src/count.ts', { vimage, root: '/project' })!;
      expect(result.code.split('\n').length).toBe(input.split('\n').length);
    }
  });
});

/** What tokenMap writes, made the plain way: a location per token start, then magic-string's own map. */
function tokenMapByLocations(ms: MagicString, original: string, file?: string): SourceMap {
  let inWord = false;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    const word = c < 128 && /[\w$]/.test(original[i]!);
    if (word ? !inWord : c !== 32 && c !== 10 && c !== 9 && c !== 13) ms.addSourcemapLocation(i);
    inWord = word;
  }
  return ms.generateMap({ hires: false, source: file, file, includeContent: true });
}

describe('tokenMap', () => {
  // Words, punctuation, spaces, CR/LF, a non-ASCII letter and an astral character.
  const text = fc
    .array(
      fc.constantFrom(
        'ab',
        'x1',
        '$_',
        ' ',
        '  ',
        '\n',
        '\r\n',
        '(',
        ').',
        '=>',
        ';',
        'é',
        '😀',
        '\t',
        '"s"',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));
  const edit = fc.record({
    op: fc.constantFrom(
      'overwrite',
      'appendLeft',
      'appendRight',
      'prependLeft',
      'prependRight',
      'remove',
      'prepend',
      'append',
    ),
    a: fc.nat(),
    b: fc.nat(),
    text: fc.constantFrom('', 'X', 'y.z', '\n', 'a\nb', 'a\nb\n', '__vimage.c[$s]'),
  });

  it('writes what magic-string writes with a location at every token start, after any edits', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(edit, { maxLength: 6 }),
        fc.constantFrom(undefined, '/p/src/m.ts'),
        (original, edits, file) => {
          const one = new MagicString(original);
          const two = new MagicString(original);
          for (const e of edits) {
            const n = original.length;
            const a = n ? e.a % (n + 1) : 0;
            const b = n ? e.b % (n + 1) : 0;
            const [start, end] = a <= b ? [a, b] : [b, a];
            for (const ms of [one, two]) {
              try {
                if (e.op === 'overwrite' && start < end) ms.overwrite(start, end, e.text || 'X');
                else if (e.op === 'remove' && start < end) ms.remove(start, end);
                else if (e.op === 'prepend') ms.prepend(e.text);
                else if (e.op === 'append') ms.append(e.text);
                else if (e.op !== 'overwrite' && e.op !== 'remove' && a < n) ms[e.op](a, e.text);
              } catch {
                // An edit magic-string refuses (e.g. splitting an overwritten range) is refused for both.
              }
            }
          }
          expect(one.toString()).toBe(two.toString());
          expect({ ...tokenMap(one, original, file) }).toEqual({
            ...tokenMapByLocations(two, original, file),
          });
        },
      ),
      { numRuns: 2000, seed: 20261125 },
    );
  });
});
