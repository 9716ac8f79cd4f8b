import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { transform } from '../src/index.js';

const on = { vimage: true, root: '/p' } as const;

function compile(code: string, id = '/p/m.ts') {
  return transform(code, id, on);
}

function syntaxErrors(code: string, id = 'out.ts'): string[] {
  const sf = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, id.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  return ((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe("asyncContext 'await': compiled suspensions", () => {
  it('brackets an await with giving the vnet back and re-entering, inside a try/finally frame', () => {
    const out = compile('export async function f(p: Promise<number>) { return 1 + (await p); }\n')!.code;
    expect(out).toContain(
      'export async function f(p: Promise<number>) { const $vn = __vimage.v; let $vp = $vn, $vt; try { return 1 + (($vt = p, __vimage.sw($vp), $vt = await $vt, $vp = __vimage.sw($vn), $vt)); } finally { __vimage.sw($vp); } }',
    );
  });

  const cases: Record<string, string> = {
    'nested awaits': 'export async function f(g: any, x: any) { return await g(await x, await (await x)); }',
    'await await': 'export async function f(x: any) { return await await x; }',
    'concise async arrow': 'export const f = async (x: any) => await x;',
    'concise arrow returning an object': 'export const f = async (x: any) => ({ v: await x });',
    'method and object method': 'export class C { async m(x: any) { return await x; } }\nexport const o = { async m(x: any) { await x; } };',
    'for await with a block': 'export async function f(it: any) { let n = 0; for await (const x of it) { n += x; } return n; }',
    'for await without braces': 'export async function f(it: any, out: any[]) { for await (const x of it) out.push(x); }',
    'labeled for await with continue': 'export async function f(it: any) { outer: for await (const x of it) { if (x) continue outer; break outer; } }',
    'for await as the body of an if': 'export async function f(c: boolean, it: any) { if (c) for await (const x of it) void x; return 1; }',
    'async generator with yield forms': 'export async function* g(x: any) { yield; const y = yield await x; yield* other(); return y; }\nasync function* other() { yield 1; }',
    'directive in an async body': "export async function f(x: any) { 'use strict'; await x; }",
    'await in a class field arrow': 'export class K { static h = async (x: any) => { await x; }; }',
    'top-level await ending in a comment': 'export const v = await Promise.resolve(1); // trailing',
    'await in template and optional chain': 'export async function f(x: any) { return `${await x?.y}` + (await x)?.z; }',
  };
  for (const [name, code] of Object.entries(cases)) {
    it(`produces valid code with every original line in place: ${name}`, () => {
      const out = compile(code)!;
      expect(out, name).not.toBeNull();
      expect(syntaxErrors(out.code)).toEqual([]);
      // Lines stay where they were, so stack traces line up even without a sourcemap.
      expect(out.code.split('\n').length - code.split('\n').length).toBeLessThanOrEqual(code.includes('//') ? 1 : 0);
      expect(out.code).toContain('__vimage.sw(');
    });

    it(`compiles a module with awaits only (the light analysis) as the full analysis does: ${name}`, () => {
      // The runtime's name in a comment sends the same module through the full analysis.
      const full = compile(`// @vimage/runtime\n${code}`)!;
      const light = compile(code)!;
      expect(full.code).toBe(`// @vimage/runtime\n${light.code}`);
      expect(light.meta).toEqual(full.meta);
    });
  }

  it('gives the module frame back at the end of a module with top-level await', () => {
    const out = compile('const v = await Promise.resolve(1);\nexport { v };\n')!.code;
    expect(out).toMatch(/^import \{ __vimage \} from "@vimage\/runtime";const \$vn = __vimage\.v; let \$vp = \$vn, \$vt;const v = /);
    expect(out.trimEnd().endsWith('export { v }; __vimage.sw($vp);')).toBe(true);
  });

  it('leaves sync functions and sync generators alone, and files without await untouched', () => {
    expect(compile('export function f() { return 1; }\nexport function* g() { yield 1; }\n')).toBeNull();
    const out = compile('export function* g(x: any) { yield x; }\nexport async function f(x: any) { await x; }\n')!.code;
    expect(out).toContain('export function* g(x: any) { yield x; }');
  });

  it("compiles nothing with VIMAGE off or with asyncContext 'hooks'", () => {
    const code = 'export async function f(x: any) { await x; }\n';
    expect(transform(code, '/p/m.ts', { ...on, vimage: false })).toBeNull();
    expect(transform(code, '/p/m.ts', { ...on, asyncContext: 'hooks' })).toBeNull();
  });

  it('passes the mode to the runtime in the registration, and picks fresh names when $vn is taken', () => {
    const out = compile("import { VNET_DEFINE } from '@vimage/runtime';\nlet $vn = 1;\nexport let x = VNET_DEFINE(0);\nexport async function f(p: any) { x = await p + $vn; }\n")!.code;
    expect(out).toContain('__vimage.register("m.ts", true, ["x"], [], "await")');
    expect(out).toContain('const $vn$1 = __vimage.v;');
    expect(out).toContain('__vimage.c[$vnet_x] = ($vt = p, __vimage.sw($vp), $vt = await $vt, $vp = __vimage.sw($vn$1), $vt) + $vn;');
  });

  it("rejects an unknown asyncContext, naming the choices", () => {
    expect(() => transform('x', '/p/m.ts', { ...on, asyncContext: 'als' as never })).toThrow(/asyncContext" must be 'await' or 'hooks'/);
  });
});
