import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { analyzeCode, refsOf, resolved } from './helpers/analyze.js';

describe('scope kinds', () => {
  test.each([
    ['module', 'let x; x', 'module'],
    ['parameters', 'function f(x) { x }', 'params'],
    ['function body', 'function f() { let x; x }', 'function'],
    ['arrow parameters', 'const f = (x) => x', 'params'],
    ['arrow body', 'const f = () => { let x; x }', 'arrow'],
    ['method body', 'class C { m() { let x; x } }', 'function'],
    ['object method body', '({ m() { const x = 1; return x } })', 'function'],
    ['constructor parameter', 'class C { constructor(x) { x } }', 'params'],
    ['block', '{ let x; x }', 'block'],
    ['if block', 'if (c) { const x = 1; x }', 'block'],
    ['for head', 'for (let x = 0; ; ) x', 'for'],
    ['for-in head', 'for (const x in o) x', 'for'],
    ['for-of head', 'for (const x of o) x', 'for'],
    ['for-of head with using', 'for (using x of o) x', 'for'],
    ['switch', 'switch (v) { case 1: let x; x }', 'switch'],
    ['catch', 'try {} catch (x) { x }', 'catch'],
    ['catch with a pattern', 'try {} catch ({ x }) { x }', 'catch'],
    ['class name inside its body', 'class x { m() { return x } }', 'class'],
    ['class expression name', 'const C = class x { m() { return x } }', 'class'],
    ['static block', 'class C { static { let x; x } }', 'static-block'],
    ['static block var', 'class C { static { { var x } x } }', 'static-block'],
    ['named function expression', 'const f = function x() { return x }', 'function-name'],
    ['namespace', 'namespace N { const x = 1; x }', 'namespace'],
    ['nested namespace', 'namespace A.B { export const x = 1; x }', 'namespace'],
    ['enum member in its enum', 'enum E { x = 1, y = x }', 'enum'],
  ])('%s', (_, code, kind) => {
    expect(resolved(code, 'x')).toEqual([`${kind}:read`]);
  });

  test('arguments is implicitly bound in functions, not arrows', () => {
    const code =
      'function f() { arguments; const g = () => arguments; } const h = () => arguments;';
    const a = analyzeCode(code);
    const refs = refsOf(a, 'arguments');
    expect(refs.map((r) => r.binding?.kind ?? 'global')).toEqual([
      'arguments',
      'arguments',
      'global',
    ]);
    expect(refs[0]!.binding).toBe(refs[1]!.binding);
    expect(refs[0]!.binding!.scope.kind).toBe('params');
  });

  test('a function declaration binds in the enclosing scope, its name is not visible through params', () => {
    expect(resolved('function x() { return x } x', 'x')).toEqual(['module:read', 'module:read']);
  });

  test('TS enums and namespaces are value bindings of the module', () => {
    const a = analyzeCode('enum E { A } namespace N { export const y = 1 } E.A; N.y;');
    expect(refsOf(a, 'E')[0]!.binding!.kind).toBe('enum');
    expect(refsOf(a, 'N')[0]!.binding!.kind).toBe('namespace');
    expect(refsOf(a, 'N')[0]!.binding!.scope.kind).toBe('module');
  });

  test('every scope is recorded with its parent', () => {
    const a = analyzeCode('function f(a) { { let b } } class C { static {} }');
    expect(a.scopes[0]).toBe(a.module);
    expect(a.scopes.map((s) => s.kind)).toEqual([
      'module',
      'params',
      'function',
      'block',
      'class',
      'static-block',
    ]);
    for (const s of a.scopes.slice(1)) expect(a.scopes).toContain(s.parent);
  });

  test('scopeAt finds the innermost scope of a node', () => {
    const a = analyzeCode('function f(p) { { let b = p } }');
    const p = refsOf(a, 'p')[0]!;
    expect(a.scopeAt(p.node).kind).toBe('block');
    expect(a.scopeAt(a.sourceFile.statements[0]!).kind).toBe('params');
  });
});

describe('binding kinds', () => {
  test('each declaration form has its kind', () => {
    const code = [
      "import d, { i } from 'm';",
      "import * as ns from 'n';",
      'var v; let l; const c = 1; using u = r;',
      'function f(p) { arguments }',
      'class K {}',
      'try {} catch (e) {}',
      'enum En { M }',
      'namespace Ns {}',
    ].join('\n');
    const a = analyzeCode(code);
    const kinds = Object.fromEntries(
      a.bindings.filter((b) => b.scope.kind !== 'class').map((b) => [b.name, b.kind]),
    );
    expect(kinds).toEqual({
      d: 'import',
      i: 'import',
      ns: 'import',
      v: 'var',
      l: 'let',
      c: 'const',
      u: 'using',
      f: 'function',
      p: 'param',
      arguments: 'arguments',
      K: 'class',
      e: 'catch',
      En: 'enum',
      M: 'enum-member',
      Ns: 'namespace',
    });
  });

  test('await using is a using binding', () => {
    const a = analyzeCode('async function f() { await using r = g(); r }');
    expect(refsOf(a, 'r')[0]!.binding!.kind).toBe('using');
  });

  test('a binding records its declaration and declared identifier', () => {
    const a = analyzeCode('let { a: [x] } = o; x');
    const b = refsOf(a, 'x')[0]!.binding!;
    expect(b.identifier!.text).toBe('x');
    expect(ts.isVariableDeclaration(b.declaration)).toBe(true);
    expect(b.identifier!.getStart()).toBe(10);
  });

  test('a redeclared var is one binding, assigned by its second declaration', () => {
    const a = analyzeCode('var x = 1; var x = 2; x');
    const b = refsOf(a, 'x')[0]!.binding!;
    expect(a.bindings.filter((c) => c.name === 'x')).toHaveLength(1);
    expect(b.redeclarations).toHaveLength(1);
    expect(b.reassigned).toBe(true);
  });
});

describe('hoisting and resolution order', () => {
  test('a reference before its var declaration resolves to it', () => {
    expect(resolved('x; var x;', 'x')).toEqual(['module:read']);
  });

  test('a reference before a let in the same scope resolves to it (TDZ)', () => {
    expect(resolved('let x = 1; { x; let x = 2; }', 'x')).toEqual(['block:read']);
  });

  test('a call before a function declaration resolves to it', () => {
    expect(resolved('x(); function x() {}', 'x')).toEqual(['module:read']);
  });

  test('var in blocks hoists to the function', () => {
    expect(resolved('function f() { { if (c) { var x = 1 } } return x } x', 'x')).toEqual([
      'function:read',
      'global:read',
    ]);
  });

  test('var in module blocks and loops hoists to the module', () => {
    expect(resolved('{ var x } for (var x of xs) ; x', 'x')).toEqual(['module:read']);
  });

  test('var in an arrow body hoists to the arrow', () => {
    expect(resolved('const f = () => { { var x } x }; x', 'x')).toEqual([
      'arrow:read',
      'global:read',
    ]);
  });

  test('function declarations in blocks are block-scoped (ESM is strict)', () => {
    expect(resolved('{ x(); function x() {} } x()', 'x')).toEqual(['block:read', 'global:read']);
  });

  test('a let declared later in an inner function resolves there, not outside', () => {
    expect(resolved('let x; function f() { x; { let x; } return () => x; let x; }', 'x')).toEqual([
      'function:read',
      'function:read',
    ]);
  });
});

describe('shadowing', () => {
  test('let in a switch case shadows for every case', () => {
    const code =
      "import { x } from 'm'; switch (k) { case 1: let x = 2; break; case 2: x; default: x } x";
    expect(resolved(code, 'x')).toEqual(['switch:read', 'switch:read', 'module:read']);
  });

  test("a default parameter cannot see the body's declarations", () => {
    expect(resolved('let x; function f(a = x) { let x; return x }', 'x')).toEqual([
      'module:read',
      'function:read',
    ]);
  });

  test("an arrow's default parameter cannot see its body's declarations", () => {
    expect(resolved('let x; const f = (a = x) => { var x; return x }', 'x')).toEqual([
      'module:read',
      'arrow:read',
    ]);
  });

  test('a default parameter sees earlier parameters', () => {
    expect(resolved('let x; function f(x, b = x) {}', 'x')).toEqual(['params:read']);
  });

  test('a catch parameter shadows inside the catch only', () => {
    expect(resolved('let x; try {} catch (x) { x } finally { x } x', 'x')).toEqual([
      'catch:read',
      'module:read',
      'module:read',
    ]);
  });

  test('a for-let head shadows the loop only', () => {
    expect(resolved('let x; for (let x of xs) { x } for (const x in o) x; x', 'x')).toEqual([
      'for:read',
      'for:read',
      'module:read',
    ]);
  });

  test('a for-var head does not shadow', () => {
    expect(resolved('let y; for (var x of xs) x; x', 'x')).toEqual(['module:read', 'module:read']);
  });

  test('a class name shadows inside the class body only', () => {
    expect(resolved('let x; const C = class x { static a = x; m() { return x } }; x', 'x')).toEqual(
      ['class:read', 'class:read', 'module:read'],
    );
  });

  test('a class declaration binds both outside and, separately, inside its body', () => {
    const a = analyzeCode('class C { m() { return C } } C');
    const [inner, outer] = refsOf(a, 'C');
    expect(inner!.binding!.scope.kind).toBe('class');
    expect(outer!.binding!.scope.kind).toBe('module');
    expect(inner!.binding).not.toBe(outer!.binding);
  });

  test("a class's extends clause sees the class's own name scope", () => {
    expect(resolved('let B; class C extends B {} const D = class B extends B {}', 'B')).toEqual([
      'module:read',
      'class:read',
    ]);
  });

  test('a named function expression shadows inside itself only', () => {
    expect(resolved('let x; const f = function x() { return x }; x', 'x')).toEqual([
      'function-name:read',
      'module:read',
    ]);
  });

  test('a parameter of a named function expression shadows its name', () => {
    expect(resolved('const f = function x(x) { return x }', 'x')).toEqual(['params:read']);
  });

  test('arrow parameters shadow', () => {
    expect(resolved('let x; const f = (x) => x + 1; const g = x => x; x', 'x')).toEqual([
      'params:read',
      'params:read',
      'module:read',
    ]);
  });

  test('destructured parameters shadow, nested and with defaults and rest', () => {
    const code =
      'let x, y, z; function f({ a: [x] }, { y = x } = {}, ...[z]) { return x + y + z } x; y; z';
    expect(resolved(code, 'x')).toEqual(['params:read', 'params:read', 'module:read']);
    expect(resolved(code, 'y')).toEqual(['params:read', 'module:read']);
    expect(resolved(code, 'z')).toEqual(['params:read', 'module:read']);
  });

  test('a computed key in a destructured parameter resolves in the parameter scope', () => {
    expect(resolved('let k; function f({ [k]: v }, k) {}', 'k')).toEqual(['params:read']);
  });

  test('a decorator and a computed method name resolve outside the method', () => {
    expect(resolved('let d; class C { @d [d](d) { return d } }', 'd')).toEqual([
      'module:read',
      'module:read',
      'params:read',
    ]);
  });

  test('class field initializers and static blocks are in the class scope', () => {
    expect(resolved('let C; const K = class C { a = C; static b = C; static { C } }', 'C')).toEqual(
      ['class:read', 'class:read', 'class:read'],
    );
  });

  test('enum members shadow outer names in the enum initializers only', () => {
    expect(resolved('let A = 1; enum E { A = 2, B = A * 2 } A', 'A')).toEqual([
      'enum:read',
      'module:read',
    ]);
  });

  test('a namespace body shadows, and its var hoists to it', () => {
    expect(resolved('let x; namespace N { { var x = 1 } x } x', 'x')).toEqual([
      'namespace:read',
      'module:read',
    ]);
  });
});
