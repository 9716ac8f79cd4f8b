import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { transform } from '../src/index.js';

const on = { vimage: true, root: '/p' } as const;
const HEAD = "import { VNET_DEFINE } from '@vimage/runtime'; export let g: any = VNET_DEFINE(0);\n";

function compile(code: string, options: object = {}) {
  return transform(HEAD + code, '/p/m.ts', { ...on, ...options });
}

function syntaxErrors(code: string): string[] {
  const sf = ts.createSourceFile('out.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return ((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? []).map(
    (d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
}

describe("asyncContext 'storage': where transformed code re-reads curvnet", () => {
  it('re-reads at the entry of a function that touches a global, and after each of its awaits', () => {
    const out = compile(
      'export async function f(p: Promise<number>) { g++; return g + (await p); }\n',
    )!.code;
    expect(out).toContain(
      'export async function f(p: Promise<number>) { const $vn = __vimage.e(); __vimage.c[$vnet_g]++; return __vimage.c[$vnet_g] + (__vimage.r(await p, $vn)); }',
    );
    // A generator resumes in whoever calls next(): it looks curvnet up again, with no vnet given.
    const gen = compile('export function* q(): any { g++; yield 1; }\n')!.code;
    expect(gen).toContain(
      'export function* q(): any { __vimage.e(); __vimage.c[$vnet_g]++; __vimage.r(yield 1); }',
    );
  });

  const cases: Record<string, string> = {
    'nested awaits':
      'export async function f(h: any, x: any) { return g + await h(await x, await (await x)); }',
    'await await': 'export async function f(x: any) { return g + await await x; }',
    'concise async arrow': 'export const f = async (x: any) => await x + g;',
    'concise arrow returning an object': 'export const f = async (x: any) => ({ v: await x, g });',
    'method and object method':
      'export class C { async m(x: any) { return await x + g; } }\nexport const o = { async m(x: any) { await x; g++; } };',
    'for await with a block':
      'export async function f(it: any) { for await (const x of it) { g += x; } return g; }',
    'for await without braces':
      'export async function f(it: any) { for await (const x of it) g += x; }',
    'labeled for await with continue':
      'export async function f(it: any) { outer: for await (const x of it) { if (x === g) continue outer; break outer; } }',
    'for await as the body of an if':
      'export async function f(c: boolean, it: any) { if (c) for await (const x of it) void x; else g = 1; return g; }',
    'for await whose head writes a global':
      'export async function f(it: any) { for await (g of it); for await ([g] of it); return g; }',
    'async generator with yield forms':
      'export async function* q(x: any) { yield; const y = yield await x; yield* other(); return y + g; }\nasync function* other() { yield 1; }',
    'sync generator': 'export function* q() { while (true) yield g++; }',
    'directive in an async body': "export async function f(x: any) { 'use strict'; await x; g++; }",
    'arrow in a static field': 'export class K { static h = async (x: any) => { await x; g++; }; }',
    'instance field and constructor parameter property':
      'export class K { seen = g; constructor(private n = g) { g++; } }',
    'parameter defaults, nested in patterns':
      'export function f(a = g, { b = g, c: [d = g] = [] } = {}) { return a + b + d; }',
    'top-level await ending in a comment': 'export const v = await Promise.resolve(g); // trailing',
    'await in template and optional chain':
      'export async function f(x: any) { return `${await x?.y}` + (await x)?.z + g; }',
  };
  for (const [name, code] of Object.entries(cases)) {
    it(`produces valid code with every original line in place: ${name}`, () => {
      const out = compile(code)!;
      expect(syntaxErrors(out.code)).toEqual([]);
      // Lines stay where they were, so stack traces line up even without a source map.
      expect(out.code.split('\n').length - (HEAD + code).split('\n').length).toBeLessThanOrEqual(
        code.includes('//') ? 1 : 0,
      );
      expect(out.code).toMatch(/__vimage\.(e\(\)|r\()/);
    });
  }

  it('leaves a function that touches no global exactly as written, so it survives toString() and eval', async () => {
    const fn =
      'async function fetchTwice(load: (n: number) => Promise<number>) {\n  const a = await load(1);\n  for await (const x of [a]) void x;\n  return a + (await load(2));\n}';
    const out = compile(
      `export ${fn}\nexport async function touch() { await 0; return g; }\n`,
    )!.code;
    expect(out).toContain(`export ${fn}\n`);
    const js = ts.transpileModule(fn, {
      compilerOptions: { target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const revived = (0, eval)(`${js}\n;fetchTwice`) as (
      l: (n: number) => Promise<number>,
    ) => Promise<number>;
    await expect(revived(async (n) => n * 10)).resolves.toBe(30);
  });

  it('decorators, computed keys and static initializers re-read with the enclosing code, not as a method entry', () => {
    const out = compile(
      'const key = "k";\nexport function make() { return class K { static s = g; @((t: any) => t, g) [key + g]() { return 1; } }; }\n',
    )!.code;
    expect(out).toContain(
      'export function make() { __vimage.e(); return class K { static s = __vimage.c[$vnet_g];',
    );
    expect(out).toContain('[key + __vimage.c[$vnet_g]]() { return 1; }');
    expect(syntaxErrors(out)).toEqual([]);
  });

  it("an async helper inheriting its caller's re-read still captures the vnet it runs in", () => {
    const out = compile(
      'async function leaf() { await null; g++; }\nexport async function run() { g = 0; await leaf(); }\n',
    )!.code;
    expect(out).toContain(
      'async function leaf() { const $vn = __vimage.v; __vimage.r(await null, $vn); __vimage.c[$vnet_g]++; }',
    );
  });

  it('a private helper called only directly from code that has re-read inherits that re-read', () => {
    const out = compile(
      'function step(i: number) { g += i; }\nfunction twice(i: number) { g--; step(i); step(i); }\n' +
        'export function hot(n: number) { for (let i = 0; i < n; i++) { g++; step(i); twice(i); } }\nstep(0);\n',
    )!.code;
    expect(out).toContain('function step(i: number) { __vimage.c[$vnet_g] += i; }');
    // Property names that spell the helper's name refer to no binding.
    const named = compile(
      'const o = { step: 1 };\nfunction step() { g += o.step; }\nexport function hot() { g++; step(); }\n',
    )!.code;
    expect(named).toContain('function step() { __vimage.c[$vnet_g] += o.step; }');
    expect(out).toContain('function twice(i: number) { __vimage.c[$vnet_g]--;');
    expect(out).toContain('export function hot(n: number) { __vimage.e();');
    // twice touches no global itself: no re-read, and step's call from it does not count as synced.
    const kept = compile(
      'function step(i: number) { g += i; }\nfunction twice(i: number) { step(i); }\nexport function hot() { g++; twice(1); }\n',
    )!.code;
    expect(kept).toContain('function step(i: number) { __vimage.e();');
  });

  const escapes: Record<string, string> = {
    exported: 'export function step() { g++; }\nexport function hot() { g++; step(); }',
    'passed as a callback':
      'function step() { g++; }\nexport function hot() { g++; setTimeout(step); }',
    'called from a nested callback':
      'function step() { g++; }\nexport function hot() { g++; return () => step(); }',
    'called from a parameter default':
      'function step() { g++; return 1; }\nexport function hot(a = step()) { g++; return a; }',
    'a generator (its body starts at next())':
      'function* step() { yield g++; }\nexport function hot() { g++; return step(); }',
    'read as a property holder':
      'function step() { g++; }\nexport function hot() { g++; step(); return step.name; }',
  };
  for (const [name, code] of Object.entries(escapes)) {
    it(`a helper keeps its own re-read when it is ${name}`, () => {
      expect(compile(`${code}\n`)!.code).toMatch(/function\*? step\(\) \{ __vimage\.e\(\);/);
    });
  }

  it("'sync-only' re-reads nowhere, and passes its mode to the runtime", () => {
    const out = compile('export async function f(p: any) { g = await p; }\n', {
      asyncContext: 'sync-only',
    })!.code;
    expect(out).not.toMatch(/__vimage\.(e|r)\(/);
    expect(out).toContain('__vimage.register("m.ts", true, ["g"], [], "sync-only")');
    expect(compile('export async function f(p: any) { g = await p; }\n')!.code).toContain(
      '[], "storage")',
    );
  });

  it('re-reads nothing with VIMAGE off', () => {
    expect(
      compile('export async function f(p: any) { g = await p; }\n', { vimage: false })!.code,
    ).not.toMatch(/__vimage\.(e|r)\(/);
  });

  it('rejects the old modes with the way forward, and any other value naming the choices', () => {
    expect(() => transform('x', '/p/m.ts', { ...on, asyncContext: 'hooks' as never })).toThrow(
      /'await' and 'hooks' were replaced by 'storage'/,
    );
    expect(() => transform('x', '/p/m.ts', { ...on, asyncContext: 'als' as never })).toThrow(
      /asyncContext" must be 'storage' or 'sync-only'/,
    );
  });
});
