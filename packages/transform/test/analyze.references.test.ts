import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { analyzeCode, flagsOf, referencedNames, refsOf } from './helpers/analyze.js';

const read = { kind: 'read' };
const write = { kind: 'write' };
const pattern = { kind: 'write', pattern: true };

describe('reference flags', () => {
  test('reads and plain writes', () => {
    expect(flagsOf('let x; x; x = 1; f(x); x.y = 2;', 'x')).toEqual([read, write, read, read]);
  });

  test('updates are readwrites, prefix or postfix', () => {
    expect(flagsOf('let x; x++; ++x; x--; --x;', 'x')).toEqual([
      { kind: 'readwrite', update: 'postfix' },
      { kind: 'readwrite', update: 'prefix' },
      { kind: 'readwrite', update: 'postfix' },
      { kind: 'readwrite', update: 'prefix' },
    ]);
  });

  test('compound and logical assignments carry their operator', () => {
    const ops = [
      '+=',
      '-=',
      '*=',
      '**=',
      '/=',
      '%=',
      '<<=',
      '>>=',
      '>>>=',
      '&=',
      '|=',
      '^=',
      '&&=',
      '||=',
      '??=',
    ];
    expect(flagsOf(`let x; ${ops.map((op) => `x ${op} 1;`).join(' ')}`, 'x')).toEqual(
      ops.map((operator) => ({ kind: 'readwrite', operator })),
    );
  });

  test('array destructuring assignment: nested, defaults, rest', () => {
    expect(flagsOf('let x; [x, [x = 1], ...x] = v; [, [...x]] = v;', 'x')).toEqual([
      pattern,
      pattern,
      pattern,
      pattern,
    ]);
  });

  test('object destructuring assignment: renamed, shorthand, shorthand default, nested, rest', () => {
    expect(
      flagsOf(
        'let x; ({ a: x, x, b: { c: [x] }, ...x } = o); ({ x = 1 } = o); ({ a: x = 2 } = o);',
        'x',
      ),
    ).toEqual([
      pattern,
      { ...pattern, shorthand: true },
      pattern,
      pattern,
      { ...pattern, shorthand: true },
      pattern,
    ]);
  });

  test('a nested pattern with a default belongs to the outer pattern', () => {
    expect(flagsOf('let x; [{ a: x } = d] = v; ({ p: [x] = [] } = o);', 'x')).toEqual([
      pattern,
      pattern,
    ]);
  });

  test('defaults and computed keys inside a pattern are reads', () => {
    expect(flagsOf('let x, a; [a = x] = v; ({ [x]: a } = o);', 'x')).toEqual([read, read]);
  });

  test('the right-hand side of a destructuring assignment is a read', () => {
    expect(flagsOf('let x, a; [a] = x; [a] = [x];', 'x')).toEqual([read, read]);
  });

  test('an array literal assigned from is not a pattern', () => {
    expect(flagsOf('let x, y; y = [x, { x }]; f([x = 1]);', 'x')).toEqual([
      read,
      { kind: 'read', shorthand: true },
      write,
    ]);
  });

  test('for-in and for-of heads, with and without patterns', () => {
    const code =
      'let x; for (x in o); for (x of o); for ([x, { x }] of o); for ({ a: x = 1 } of o); for (const y of x);';
    expect(flagsOf(code, 'x')).toEqual([
      { kind: 'write', forHead: true },
      { kind: 'write', forHead: true },
      { ...pattern, forHead: true },
      { ...pattern, forHead: true, shorthand: true },
      { ...pattern, forHead: true },
      read,
    ]);
  });

  test('shorthand in object literals is a read', () => {
    expect(flagsOf('let x; const o = { x, y: x }; f({ x });', 'x')).toEqual([
      { kind: 'read', shorthand: true },
      read,
      { kind: 'read', shorthand: true },
    ]);
  });

  test('callees of calls, optional calls, new, tagged templates and decorators', () => {
    const code =
      'let x; x(); x?.(); new x(); new x; x`t`; (x)(); x!(); (x as any)(); @x class C {}';
    expect(flagsOf(code, 'x')).toEqual(
      Array.from({ length: 9 }, () => ({ kind: 'read', call: true })),
    );
  });

  test('not a callee: member calls, arguments, comma expressions, optional chains on members', () => {
    expect(flagsOf('let x; x.y(); f(x); (0, x)(); x?.y(); g`${x}`;', 'x')).toEqual([
      read,
      read,
      read,
      read,
      read,
    ]);
  });

  test('typeof operands', () => {
    expect(flagsOf('let x; typeof x; typeof (x); typeof x!; typeof x.y;', 'x')).toEqual([
      { kind: 'read', typeofOperand: true },
      { kind: 'read', typeofOperand: true },
      { kind: 'read', typeofOperand: true },
      read,
    ]);
  });

  test('export specifiers are names: flagged, not plain reads', () => {
    expect(flagsOf('let x; export { x, x as y, x as "a b" };', 'x')).toEqual([
      { kind: 'read', exportSpecifier: true },
      { kind: 'read', exportSpecifier: true },
      { kind: 'read', exportSpecifier: true },
    ]);
  });

  test('export default of a name', () => {
    const a = analyzeCode('let x; export default x;');
    expect(flagsOf('let x; export default x;', 'x')).toEqual([
      { kind: 'read', defaultExport: true },
    ]);
    expect(a.defaultExpression).toBe(refsOf(a, 'x')[0]!.node);
  });

  test('export default of a parenthesized name, and export = (not a default export)', () => {
    expect(flagsOf('let x; export default (x);', 'x')).toEqual([
      { kind: 'read', defaultExport: true },
    ]);
    expect(flagsOf('let x; export = x;', 'x')).toEqual([read]);
  });
});

describe('TypeScript value wrappers are transparent', () => {
  test('writes through wrappers', () => {
    expect(
      flagsOf(
        'let x; (x as any) = 1; x! = 2; (<any>x) = 3; (x satisfies number) = 4; ((x)) = 5;',
        'x',
      ),
    ).toEqual([write, write, write, write, write]);
  });

  test('updates and compounds through wrappers', () => {
    expect(flagsOf('let x; (x!)++; ++(x as number); (x)! += 1; (x as any) ??= 1;', 'x')).toEqual([
      { kind: 'readwrite', update: 'postfix' },
      { kind: 'readwrite', update: 'prefix' },
      { kind: 'readwrite', operator: '+=' },
      { kind: 'readwrite', operator: '??=' },
    ]);
  });

  test('pattern targets through wrappers', () => {
    expect(
      flagsOf('let x; [x!, (x as any)] = v; ({ a: (x) } = o); for ((x as any) of o);', 'x'),
    ).toEqual([pattern, pattern, pattern, { kind: 'write', forHead: true }]);
  });

  test('instantiation expressions read their expression', () => {
    expect(flagsOf('let x; const g = x<number>;', 'x')).toEqual([read]);
  });
});

describe('never a reference', () => {
  test('type annotations, type arguments and assertions', () => {
    const code = [
      'let v: T = 1 as T; let w = <T>v; let u = v satisfies T;',
      'function f<P extends T>(p: T, q?: Array<T>): T { return p }',
      'f<T>(v); new Map<T, T>();',
      'class C<P> { field: T; m(this: T, a: T): T { return a } }',
      'const g = (a: T): T => a;',
    ].join('\n');
    expect(referencedNames(code)).toEqual(['Map', 'a', 'f', 'p', 'v']);
  });

  test('typeof in a type position, interfaces, type aliases', () => {
    const code =
      'let x; let y: typeof x; type A = typeof x; interface I extends X { m: typeof x; n(): typeof x }';
    expect(referencedNames(code)).toEqual([]);
  });

  test('declare declarations and ambient modules', () => {
    const code = [
      'declare const x: number; declare function g(a: typeof x): void; declare class K { m(): void }',
      'declare enum E { A } declare namespace N { const q: typeof x }',
      "declare global { var z: number } declare module 'm' { export const w: typeof x }",
    ].join('\n');
    expect(referencedNames(code)).toEqual([]);
  });

  test('a declared name binds nothing: its uses are globals', () => {
    const a = analyzeCode('declare let x: number; x; declare function g(): void; g()');
    expect(refsOf(a, 'x')[0]!.binding).toBeNull();
    expect(refsOf(a, 'g')[0]!.binding).toBeNull();
    expect(a.bindings.map((b) => b.name)).toEqual([]);
  });

  test('a this parameter binds nothing', () => {
    const a = analyzeCode('function f(this: Window, a: number) { return this }');
    expect(a.bindings.map((b) => b.name)).toEqual(['f', 'arguments', 'a']);
  });

  test('overload signatures and abstract members', () => {
    const code =
      'function f(a: string): void; function f(a: any) { a } abstract class C { abstract m(x: T): void; abstract p: T }';
    expect(referencedNames(code)).toEqual(['a']);
  });

  test('class heritage: implements is a type, extends is a value', () => {
    expect(
      referencedNames('class C extends B<T> implements I, J<T> {} interface K extends L {}'),
    ).toEqual(['B']);
  });

  test('property names, member names, object keys', () => {
    const code = [
      "o.x; o?.y; o['z']; ({ a: 1, 'b': 2, [k]: 3, m() {}, get g() { return 1 }, set s(v) {} });",
      'class C { p = 1; static q; #r = 2; m() { this.#r } get g() { return 1 } static { } ["lit"]() {} }',
    ].join('\n');
    expect(referencedNames(code)).toEqual(['k', 'o']);
  });

  test('declared names of destructuring are not references; their defaults are', () => {
    expect(referencedNames('let { a, b: [c] = d, ...e } = o; const [f, , ...g] = h;')).toEqual([
      'd',
      'h',
      'o',
    ]);
  });

  test('enum member names', () => {
    expect(referencedNames('enum E { x = 1, y = 2 } E.x')).toEqual(['E']);
  });

  test('labels and break/continue targets', () => {
    expect(referencedNames('x: for (;;) { y: { break y; } continue x; }')).toEqual([]);
  });

  test('import and export specifier names; re-exports', () => {
    const code = [
      "import d, { x as y, z } from 'm';",
      "import * as ns from 'n';",
      'export { y as w };',
      "export { a as b } from 'p';",
      "export * as q from 'r';",
      "export * from 's';",
    ].join('\n');
    const a = analyzeCode(code);
    expect(a.references.map((r) => r.node.text)).toEqual(['y']);
  });

  test('import type, export type and type-only specifiers', () => {
    const code = [
      "import type { T } from 'm'; import type D from 'd'; import type * as NS from 'n';",
      "import { type U, V } from 'u';",
      'export type { T }; export { type U }; export type { V as W };',
      'interface I {} export { I }; export default I;',
    ].join('\n');
    const a = analyzeCode(code);
    expect(a.references).toEqual([]);
    expect(a.bindings.map((b) => b.name)).toEqual(['V']);
  });

  test('import.meta and new.target', () => {
    expect(referencedNames('import.meta.url; function f() { new.target; }')).toEqual([]);
  });

  test('JSX attribute names and lowercase intrinsic tags', () => {
    const code =
      'const e = <div id={v} data-x="1" className={c}><span key={k} /><my-el /><svg:rect /></div>;';
    expect(referencedNames(code, 'a.tsx')).toEqual(['c', 'k', 'v']);
  });
});

describe('JSX', () => {
  test('capitalized and dotted tags are reads; closing tags are flagged', () => {
    const code = 'const e = <Foo a={x}><ui.Button /><Bar></Bar><_private /></Foo>;';
    expect(flagsOf(code, 'Foo', 'a.tsx')).toEqual([
      { kind: 'read', jsxTag: 'open' },
      { kind: 'read', jsxTag: 'close' },
    ]);
    expect(flagsOf(code, 'ui', 'a.tsx')).toEqual([read]);
    expect(flagsOf(code, 'Bar', 'a.tsx')).toEqual([
      { kind: 'read', jsxTag: 'open' },
      { kind: 'read', jsxTag: 'close' },
    ]);
    expect(flagsOf(code, '_private', 'a.tsx')).toEqual([{ kind: 'read', jsxTag: 'open' }]);
  });

  test('spread attributes and children expressions are reads; a local component resolves', () => {
    const code =
      'function App(props) { const Item = f(); return <><Item {...props} />{props.children}</> }';
    const a = analyzeCode(code, 'a.jsx');
    expect(refsOf(a, 'props').map((r) => r.binding?.kind)).toEqual(['param', 'param']);
    expect(refsOf(a, 'Item')[0]!.binding!.scope.kind).toBe('function');
  });
});

describe('decorators', () => {
  test('decorator expressions are reads in the scope around the decorated thing', () => {
    const code = 'let d, e; @d class C { @e() m() {} @d.f static p = 1; @e() accessor q = 2; }';
    expect(flagsOf(code, 'd')).toEqual([{ kind: 'read', call: true }, read]);
    expect(flagsOf(code, 'e')).toEqual([
      { kind: 'read', call: true },
      { kind: 'read', call: true },
    ]);
  });

  test('parameter decorators', () => {
    expect(flagsOf('let d; class C { constructor(@d private x: number) {} }', 'd')).toEqual([
      { kind: 'read', call: true },
    ]);
  });
});

describe('binding facts', () => {
  test('reassigned: any write, not a mutation (module-state.test.ts has what counts as one)', () => {
    const a = analyzeCode('let a, b, c, d; a = 1; b.p = 1; c++; for ([d] of e);');
    const facts = Object.fromEntries(a.bindings.map((b) => [b.name, b.reassigned]));
    expect(facts).toEqual({ a: true, b: false, c: true, d: true });
  });

  test('a var in a for-in/of head is reassigned', () => {
    const a = analyzeCode('for (var k in o);');
    expect(a.bindings[0]!.reassigned).toBe(true);
  });

  test("each binding lists its references, and each reference's scope is where it occurs", () => {
    const a = analyzeCode('let x = 1; function f() { return x + 1 } x = 2');
    const x = a.bindings.find((b) => b.name === 'x')!;
    expect(x.references.map((r) => [r.kind, r.scope.kind])).toEqual([
      ['read', 'function'],
      ['write', 'module'],
    ]);
    expect(x.references.every((r) => r.binding === x)).toBe(true);
  });

  test('globals are references with a null binding', () => {
    const a = analyzeCode('console.log(undefined, globalThis)');
    expect(a.references.map((r) => [r.node.text, r.binding])).toEqual([
      ['console', null],
      ['undefined', null],
      ['globalThis', null],
    ]);
  });
});

describe('module tables', () => {
  test('imports: default, named, renamed, namespace, side effect, type-only', () => {
    const code = [
      "import d, { a as b, type t, c } from 'm';",
      "import * as ns from 'n';",
      "import 'side';",
      "import type T from 't';",
      "import { 'str name' as s } from 'q';",
    ].join('\n');
    const a = analyzeCode(code);
    expect(
      a.imports.map((i) => ({
        source: i.source,
        typeOnly: i.typeOnly,
        sideEffectOnly: i.sideEffectOnly,
        specifiers: i.specifiers.map((s) => `${s.imported}>${s.local}${s.typeOnly ? ':type' : ''}`),
      })),
    ).toEqual([
      {
        source: 'm',
        typeOnly: false,
        sideEffectOnly: false,
        specifiers: ['default>d', 'a>b', 't>t:type', 'c>c'],
      },
      { source: 'n', typeOnly: false, sideEffectOnly: false, specifiers: ['*>ns'] },
      { source: 'side', typeOnly: false, sideEffectOnly: true, specifiers: [] },
      { source: 't', typeOnly: true, sideEffectOnly: false, specifiers: ['default>T:type'] },
      { source: 'q', typeOnly: false, sideEffectOnly: false, specifiers: ['str name>s'] },
    ]);
    const imported = Object.fromEntries(a.bindings.map((b) => [b.name, b.import]));
    expect(imported).toEqual({
      d: { source: 'm', imported: 'default' },
      b: { source: 'm', imported: 'a' },
      c: { source: 'm', imported: 'c' },
      ns: { source: 'n', imported: '*' },
      s: { source: 'q', imported: 'str name' },
    });
    expect(a.imports[0]!.specifiers[2]!.binding).toBeUndefined();
  });

  test('exports: declarations, specifiers, defaults', () => {
    const code = [
      'export let a = 1, { b, c: [d] } = o;',
      'export function f() {}',
      'export default function g() {}',
      'export class C {}',
      'export enum E { A }',
      'export namespace N { export const z = 1 }',
      'let h; export { h, h as i, h as "j k" };',
    ].join('\n');
    const a = analyzeCode(code);
    expect(Object.fromEntries([...a.exports].map(([name, b]) => [name, b.name]))).toEqual({
      a: 'a',
      b: 'b',
      d: 'd',
      f: 'f',
      default: 'g',
      C: 'C',
      E: 'E',
      N: 'N',
      h: 'h',
      i: 'h',
      'j k': 'h',
    });
    expect(a.bindings.find((b) => b.name === 'h')!.exported).toEqual(['h', 'i', 'j k']);
    expect(a.bindings.find((b) => b.name === 'z')!.exported).toEqual([]);
    expect(a.defaultExpression).toBeUndefined();
  });

  test('export default class and export of an import', () => {
    const a = analyzeCode("import { x } from 'm'; export { x as y }; export default class K {}");
    expect(a.exports.get('y')!.import).toEqual({ source: 'm', imported: 'x' });
    expect(a.exports.get('default')!.name).toBe('K');
  });

  test('import = require and import = entity name', () => {
    const a = analyzeCode(
      "import fs = require('fs'); namespace N { export const M = 1 } import m = N.M; export import e = N.M; fs; m;",
    );
    expect(a.bindings.find((b) => b.name === 'fs')!.import).toEqual({
      source: 'fs',
      imported: '*',
    });
    expect(a.bindings.find((b) => b.name === 'm')!.kind).toBe('import');
    expect(a.imports.map((i) => i.source)).toEqual(['fs', 'N.M', 'N.M']);
    expect(refsOf(a, 'N').map((r) => r.binding!.kind)).toEqual(['namespace', 'namespace']);
    expect(a.exports.get('e')!.name).toBe('e');
  });

  test('re-exports', () => {
    const code =
      "export { a, b as c, default as d } from 'm'; export * from 'n'; export * as ns from 'o'; export type { T } from 'p'; export { type U, V } from 'q';";
    const a = analyzeCode(code);
    expect(
      a.reexports.map(({ source, kind, imported, exported }) => ({
        source,
        kind,
        imported,
        exported,
      })),
    ).toEqual([
      { source: 'm', kind: 'named', imported: 'a', exported: 'a' },
      { source: 'm', kind: 'named', imported: 'b', exported: 'c' },
      { source: 'm', kind: 'named', imported: 'default', exported: 'd' },
      { source: 'n', kind: 'all', imported: undefined, exported: undefined },
      { source: 'o', kind: 'namespace', imported: undefined, exported: 'ns' },
      { source: 'q', kind: 'named', imported: 'V', exported: 'V' },
    ]);
    expect(a.exports.size).toBe(0);
  });

  test('export default of an expression', () => {
    const a = analyzeCode('export default 1 + 2;');
    expect(a.defaultExpression && ts.isBinaryExpression(a.defaultExpression)).toBe(true);
  });
});

describe('eval and with', () => {
  test('direct eval of the global eval is collected; indirect and optional calls are not', () => {
    const a = analyzeCode(
      "eval('a'); (eval)('b'); eval!('c'); eval?.('d'); (0, eval)('e'); window.eval('f');",
    );
    expect(a.evals.map((n) => n.getText())).toEqual(["eval('a')", "(eval)('b')", "eval!('c')"]);
  });

  test('an imported eval is not a direct eval', () => {
    const a = analyzeCode(
      "import { eval as ev } from 'm'; import { evil as eval } from 'n'; eval('x');",
    );
    expect(a.evals).toEqual([]);
  });

  test('with statements are collected', () => {
    const a = analyzeCode('with (o) { x } function f() { with (p) y }', 'a.js');
    expect(a.withs).toHaveLength(2);
    expect(a.withs.every((w) => ts.isWithStatement(w))).toBe(true);
  });
});

test('nameTaken tells every word of the file, in code, comments and strings, and no part of one', () => {
  const a = analyzeCode("const alpha = beta.gamma; // delta\nconst $v = '$w$1';");
  for (const n of ['alpha', 'beta', 'gamma', 'delta', 'const', '$v', '$w$1'])
    expect(a.nameTaken(n), n).toBe(true);
  for (const n of ['epsilon', 'alph', 'lpha', 'eta', '$w', 'w$1'])
    expect(a.nameTaken(n), n).toBe(false);
});
