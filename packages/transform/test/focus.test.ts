/**
 * The transform analyses with a focus (analyze/focus.ts): bindings and references only for the
 * names a rewrite can touch. These tests hold it to the full analysis: the same output on
 * every fixture, and the same resolution of every focused name on the scope hard cases.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { focusOf } from '../src/phases/2-analyze/focus.js';
import type { Analysis, Reference } from '../src/phases/2-analyze/types.js';
import { TransformError } from '../src/index.js';
import { resolveOptions } from '../src/options.js';
import { rewrite } from '../src/phases/3-transform/index.js';
import { analyzeCode } from './helpers/analyze.js';
import { fixtureNames, loadFixture, optionsFor } from './helpers/fixtures.js';

const analysis = (code: string, id: string, focused: boolean): Analysis =>
  analyzeCode(code, id, { focused });

/** The transform's result from one analysis, or the error it throws, as plain data. */
function outcome(
  code: string,
  id: string,
  options: Parameters<typeof resolveOptions>[0],
  focused: boolean,
): unknown {
  try {
    return rewrite(analysis(code, id, focused), resolveOptions(options));
  } catch (e) {
    if (!(e instanceof TransformError)) throw e;
    return { error: e.code, message: e.message };
  }
}

/** Each reference to a name as `<name>@<pos> <kind> → <declaring node's kind>@<pos>`, in source order. */
function resolutions(a: Analysis, names: ReadonlySet<string>): string[] {
  const line = (r: Reference): string =>
    `${r.node.text}@${r.node.pos} ${r.kind}${r.call ? ' call' : ''} → ${r.binding ? `${ts.SyntaxKind[r.binding.declaration.kind]}@${r.binding.declaration.pos}` : 'global'}`;
  return a.references
    .filter((r) => names.has(r.node.text))
    .sort((x, y) => x.node.pos - y.node.pos)
    .map(line);
}

describe('the focused analysis', () => {
  for (const name of fixtureNames()) {
    const f = loadFixture(name);
    it(`transforms as the full analysis does: ${name}`, () => {
      for (const mode of ['off', 'on'] as const) {
        const full = outcome(f.input, f.id, optionsFor(f, mode), false);
        expect(outcome(f.input, f.id, optionsFor(f, mode), true), `vimage ${mode}`).toEqual(full);
      }
    });
  }

  it('has every marked global and its class in focus, on every fixture that marks one', () => {
    let marked = 0;
    for (const name of fixtureNames()) {
      const f = loadFixture(name);
      let a: Analysis;
      try {
        a = analysis(f.input, f.id, false);
      } catch {
        continue; // error fixtures: the outcomes above compare their errors
      }
      const focus = focusOf(a.sourceFile, f.input, a.runtimeModule);
      for (const v of a.virtualized) {
        marked++;
        const cls = v.field?.parent;
        const needed = [
          v.binding?.name,
          v.classBinding?.name,
          cls && ts.isClassLike(cls) ? cls.name?.text : undefined,
        ];
        for (const n of needed)
          if (n !== undefined) expect(focus.has(n), `${name}: ${n}`).toBe(true);
      }
    }
    expect(marked).toBeGreaterThan(50);
  });

  const HARD: Record<string, string> = {
    'every kind of inner declaration shadowing a marked global': `
      import { VNET_DEFINE } from '@vimage/runtime';
      export let x = VNET_DEFINE(0);
      function p(x: number) { return x; }
      function h() { x++; { var x = 1; } return x; }
      try { x = 1; } catch (x) { x; }
      { let x = 2; x; } x;
      for (let x = 0; x < 1; x++) x;
      for (const { a: [x] } of [] as any[]) x;
      const f = function x() { return x; };
      class C { static m() { return x; } }
      class D { x = x; }
      const k = class x { m() { return x; } };
      enum E { x = 1, y = x }
      namespace N { export const x = 1; x; }
      label: for (;;) { break label; }
      const o = { x, [x]: x, x: x };
      ({ x } = { x: 1 });
      const arrow = (x = x) => x;
      x;`,
    'an imported name, shadowed and written through a pattern': `
      import { hits, table as t } from './m.js';
      import * as ns from './m.js';
      function g(hits: number) { return hits + t.size; }
      [hits] = [1];
      ({ hits: t } = { hits: 1 } as any);
      const ns2 = ns; ns.hits++;
      export { hits, t as table2 };`,
    'a tagged global, a decorated field and its class names': `
      import { vnet } from '@vimage/runtime';
      /** @vnet */ let a = 1;
      export class K { @vnet static n = 0; static m() { return K.n + a; } }
      const L = class Inner { @vnet static z = 1; m() { return Inner.z + L.z; } };
      function K2() { const K = 1; return K; }`,
    'eval, local and global': `
      import { VNET_DEFINE } from '@vimage/runtime';
      export let x = VNET_DEFINE(0);
      function f(eval: any) { return eval('x'); }
      eval('x'); (0, eval)('x'); x++;`,
  };
  for (const [title, code] of Object.entries(HARD)) {
    it(`resolves every focused name as the full analysis does: ${title}`, () => {
      const full = analysis(code, '/p/m.ts', false);
      const focused = analysis(code, '/p/m.ts', true);
      const focus = focusOf(full.sourceFile, code, full.runtimeModule);
      const seen = resolutions(full, focus);
      expect(seen.length).toBeGreaterThan(3);
      expect(resolutions(focused, focus)).toEqual(seen);
      // Outside the focus, nothing is recorded but export specifiers.
      expect(focused.references.every((r) => focus.has(r.node.text) || r.exportSpecifier)).toBe(
        true,
      );
      expect(focused.virtualized.map((v) => v.name)).toEqual(full.virtualized.map((v) => v.name));
      expect([...focused.exports.keys()]).toEqual([...full.exports.keys()]);
    });
  }
});
