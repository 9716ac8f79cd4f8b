import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { TransformError } from '../src/error.js';
import type { Analysis } from '../src/phases/2-analyze/types.js';
import { analyzeCode } from './helpers/analyze.js';

const RT = "import { VNET_DEFINE, VNET_SYSINIT, VNET_SYSUNINIT, vnet } from '@vimage/runtime';\n";

/** name, form and the initializer's text of each virtualized global. */
function summary(a: Analysis): string[] {
  return a.virtualized.map((v) => `${v.name} ${v.form} ${v.initializer?.getText() ?? '-'}`);
}

/** The TransformError analyzing `code` throws. */
function failure(code: string, id = 'src/m.ts'): TransformError {
  try {
    analyzeCode(code, id);
  } catch (e) {
    expect(e).toBeInstanceOf(TransformError);
    return e as TransformError;
  }
  throw new Error('expected a TransformError');
}

/** Line (1-based) and column (0-based) of the first occurrence of `needle` in `code`. */
function locOf(code: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = code.indexOf(needle, at + 1);
  expect(at).toBeGreaterThanOrEqual(0);
  const before = code.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') - 1 };
}

function expectError(code: string, errorCode: string, needle: string, nth = 0): TransformError {
  const e = failure(code);
  expect(e.code).toBe(errorCode);
  expect(e.loc).toEqual({ file: 'src/m.ts', ...locOf(code, needle, nth) });
  expect(e.hint.length).toBeGreaterThan(10);
  expect(e.message).toContain(`src/m.ts:${e.loc!.line}:${e.loc!.column + 1}`);
  return e;
}

describe('form 1: VNET_DEFINE call', () => {
  test('let, var, const, exported', () => {
    const a = analyzeCode(
      `${RT}export let a = VNET_DEFINE(1); var b = VNET_DEFINE('s'); export const c = VNET_DEFINE({ n: 1 });`,
    );
    expect(summary(a)).toEqual(['a call 1', "b call 's'", 'c call { n: 1 }']);
    expect(a.virtualized.map((v) => v.binding!.kind)).toEqual(['let', 'var', 'const']);
    expect(a.virtualized[0]!.binding!.exported).toEqual(['a']);
    expect(a.virtualized[2]!.binding!.exported).toEqual(['c']);
  });

  test('the declaration, the marker call and its range', () => {
    const code = `${RT}let a = VNET_DEFINE(1);`;
    const v = analyzeCode(code).virtualized[0]!;
    expect(ts.isVariableDeclaration(v.declaration)).toBe(true);
    expect(ts.isCallExpression(v.marker) && v.marker.getText()).toBe('VNET_DEFINE(1)');
    expect(code.slice(v.markerRange.start, v.markerRange.end)).toBe('VNET_DEFINE(1)');
    expect(v.binding!.identifier).toBe((v.declaration as ts.VariableDeclaration).name);
  });

  test('type arguments, parentheses, as, satisfies, non-null', () => {
    const code = `${RT}let a = VNET_DEFINE<number>(1); let b = (VNET_DEFINE(2)); let c = VNET_DEFINE(3) as number; let d = VNET_DEFINE({}) satisfies object; let e = (VNET_DEFINE(5) as any)!;`;
    expect(summary(analyzeCode(code))).toEqual([
      'a call 1',
      'b call 2',
      'c call 3',
      'd call {}',
      'e call 5',
    ]);
  });

  test('several declarators, only the marked ones', () => {
    expect(summary(analyzeCode(`${RT}let a = VNET_DEFINE(1), b = 2, c = VNET_DEFINE(3);`))).toEqual(
      ['a call 1', 'c call 3'],
    );
  });

  test('renamed import', () => {
    const a = analyzeCode("import { VNET_DEFINE as D } from '@vimage/runtime'; let a = D(1);");
    expect(summary(a)).toEqual(['a call 1']);
    expect(a.markerImports.map((m) => [m.name, m.binding.name])).toEqual([['VNET_DEFINE', 'D']]);
  });

  test('namespace import, dotted and bracketed', () => {
    const a = analyzeCode(
      "import * as rt from '@vimage/runtime'; let a = rt.VNET_DEFINE(1); let b = rt['VNET_DEFINE'](2); let c = rt.other(3);",
    );
    expect(summary(a)).toEqual(['a call 1', 'b call 2']);
    expect(a.markerImports.map((m) => m.name)).toEqual(['*']);
    expect(a.markerUses.map((u) => [u.name, u.node.getText()])).toEqual([
      ['VNET_DEFINE', 'rt.VNET_DEFINE'],
      ['VNET_DEFINE', "rt['VNET_DEFINE']"],
    ]);
  });

  test('the runtime module is an option', () => {
    const code = "import { VNET_DEFINE } from './rt.js'; let a = VNET_DEFINE(1);";
    expect(summary(analyzeCode(code))).toEqual([]);
    expect(summary(analyzeCode(code, 'm.ts', { runtimeModule: './rt.js' }))).toEqual(['a call 1']);
  });

  test('not markers: another module, a type import, a local shadowing binding', () => {
    const code = [
      "import { VNET_DEFINE } from 'elsewhere';",
      'let a = VNET_DEFINE(1);',
      'function f() { let VNET_DEFINE = (x) => x; let b = VNET_DEFINE(2); return VNET_DEFINE(3) + 1 }',
    ].join('\n');
    expect(analyzeCode(code).virtualized).toEqual([]);
    expect(
      analyzeCode("import type { VNET_DEFINE } from '@vimage/runtime'; let a = VNET_DEFINE(1);")
        .markerImports,
    ).toEqual([]);
    const shadow = `${RT}function f(VNET_DEFINE) { let b = VNET_DEFINE(2); return VNET_DEFINE(3) + 1 }`;
    expect(analyzeCode(shadow).virtualized).toEqual([]);
  });

  test('a global VNET_DEFINE (not imported) is not a marker', () => {
    expect(analyzeCode('let a = VNET_DEFINE(1);').virtualized).toEqual([]);
  });
});

describe('form 2: /** @vnet */ tag', () => {
  test('on a module-level statement, each declarator, exported or not', () => {
    const code =
      '/** @vnet */ export const m = new Map<number, string>();\n/** @vnet */\nlet a = 1, b;';
    const a = analyzeCode(code);
    expect(summary(a)).toEqual(['m tag new Map<number, string>()', 'a tag 1', 'b tag -']);
    expect(a.virtualized[0]!.binding!.exported).toEqual(['m']);
  });

  test('needs no import; the marker is the commented statement, its range the comment', () => {
    const code = 'const x = 0;\n/**\n * The send space.\n * @vnet\n */\nexport let s = 1;';
    const v = analyzeCode(code).virtualized[0]!;
    expect(v.name).toBe('s');
    expect(ts.isVariableStatement(v.marker)).toBe(true);
    expect(code.slice(v.markerRange.start, v.markerRange.end)).toBe(
      '/**\n * The send space.\n * @vnet\n */',
    );
  });

  test('a tag on the same line as the previous token is still found', () => {
    const code = 'f(); /** @vnet */ let a = 1;';
    const v = analyzeCode(code).virtualized[0]!;
    expect(v.name).toBe('a');
    expect(code.slice(v.markerRange.start, v.markerRange.end)).toBe('/** @vnet */');
  });

  test('a tag right after a hashbang line', () => {
    expect(summary(analyzeCode('#!/usr/bin/env node\n/** @vnet */ let a = 1;'))).toEqual([
      'a tag 1',
    ]);
  });

  test('not tags: other tags, plain comments, a mention in prose, line comments', () => {
    const code =
      '/** @vnets */ let a = 1; /* @vnet */ let b = 2; /** see the vnet @vnet docs */ let c = 3; // @vnet\nlet d = 4;';
    expect(analyzeCode(code).virtualized).toEqual([]);
  });

  test('on a static class field, on its own line or inline', () => {
    const code =
      'export class Tcp {\n  /** @vnet */\n  static a = 1;\n}\nclass U { /** @vnet */ static b = 2 }';
    const a = analyzeCode(code);
    expect(summary(a)).toEqual(['Tcp.a tag 1', 'U.b tag 2']);
    expect(a.virtualized[0]!.binding).toBeNull();
    expect(a.virtualized[0]!.classBinding!.name).toBe('Tcp');
    expect(a.virtualized.map((v) => ts.isPropertyDeclaration(v.marker))).toEqual([true, true]);
  });

  test('a declaration with both a tag and a call is found once, as a call', () => {
    expect(summary(analyzeCode(`${RT}/** @vnet */ let a = VNET_DEFINE(1);`))).toEqual(['a call 1']);
  });

  test('on a statement that declares no variable it is an error at the tag, not ignored', () => {
    const cases: Array<[string, string]> = [
      ['let a = 1;\n/** @vnet */ export { a };', 'an export list'],
      ['/** @vnet */ export default 1;', 'an export default'],
      ['let a = 1;\n/** @vnet */ a = 2;', 'an assignment'],
      ['/** @vnet */ enum E { A }', 'an enum'],
      ['/** @vnet */ declare let a: number;', 'a declare declaration'],
      ['/**\n * @vnet\n */\nexport enum E { A }', 'an enum'],
    ];
    for (const [code, what] of cases) {
      const e = expectError(code, 'VIMAGE_DECORATOR_TARGET', '@vnet');
      expect(e.message).toContain(`/** @vnet */ is on ${what}`);
    }
  });
});

describe('form 3: @vnet decorator', () => {
  test('on a static field of a class declaration', () => {
    const a = analyzeCode(
      `${RT}export class Tcp { @vnet static sendspace = 32768; static plain = 1; m() { return Tcp.sendspace } }`,
    );
    expect(summary(a)).toEqual(['Tcp.sendspace decorator 32768']);
    const v = a.virtualized[0]!;
    expect(v.binding).toBeNull();
    expect(v.field).toBe(v.declaration);
    expect(ts.isDecorator(v.marker)).toBe(true);
    expect(v.classBinding!.scope.kind).toBe('module');
    expect(v.classBinding!.exported).toEqual(['Tcp']);
    expect(v.classInnerBinding!.scope.kind).toBe('class');
    expect(v.classInnerBinding!.references).toHaveLength(1);
  });

  test('through a namespace import, renamed, on private and string-named fields', () => {
    const code = [
      "import * as rt from '@vimage/runtime'; import { vnet as V } from '@vimage/runtime';",
      "class A { @rt.vnet static a = 1; @V static #b = 2; @V static 'c' = 3; @V static d; }",
    ].join('\n');
    expect(summary(analyzeCode(code))).toEqual([
      'A.a decorator 1',
      'A.#b decorator 2',
      'A.c decorator 3',
      'A.d decorator -',
    ]);
  });

  test('on a class expression bound to a module-level variable, and on a default class', () => {
    const a = analyzeCode(
      `${RT}export const K = class Inner { @vnet static y = 1 }; export default class { @vnet static z = 2 }`,
    );
    expect(summary(a)).toEqual(['K.y decorator 1', 'default.z decorator 2']);
    expect(a.virtualized[0]!.classBinding!.name).toBe('K');
    expect(a.virtualized[0]!.classInnerBinding!.name).toBe('Inner');
    expect(a.virtualized[1]!.classBinding).toBeUndefined();
  });

  test('the marker range is the decorator', () => {
    const code = `${RT}class A { @vnet static a = 1 }`;
    const v = analyzeCode(code).virtualized[0]!;
    expect(code.slice(v.markerRange.start, v.markerRange.end)).toBe('@vnet');
  });
});

describe('results', () => {
  test('virtualized globals are in source order across forms', () => {
    const code = `${RT}class A { @vnet static x = 1 }\n/** @vnet */ let b = 2;\nlet c = VNET_DEFINE(3);\nclass D { /** @vnet */ static e = 4 }`;
    expect(analyzeCode(code).virtualized.map((v) => v.name)).toEqual(['A.x', 'b', 'c', 'D.e']);
  });

  test('marker imports and marker uses, including the sysinit markers', () => {
    const code = `import { VNET_DEFINE, VNET_SYSINIT, VNET_SYSUNINIT as U, createVnet } from '@vimage/runtime';\nlet a = VNET_DEFINE(1);\nVNET_SYSINIT(() => {}, 10); U(() => {});`;
    const a = analyzeCode(code);
    expect(a.markerImports.map((m) => [m.name, m.specifier.getText()])).toEqual([
      ['VNET_DEFINE', 'VNET_DEFINE'],
      ['VNET_SYSINIT', 'VNET_SYSINIT'],
      ['VNET_SYSUNINIT', 'VNET_SYSUNINIT as U'],
    ]);
    expect(a.markerUses.map((u) => [u.name, u.node.getText()])).toEqual([
      ['VNET_DEFINE', 'VNET_DEFINE'],
      ['VNET_SYSINIT', 'VNET_SYSINIT'],
      ['VNET_SYSUNINIT', 'U'],
    ]);
  });

  test('a file without markers has none', () => {
    const a = analyzeCode('export let x = 1; class C { static y = 2 }');
    expect(a.virtualized).toEqual([]);
    expect(a.markerImports).toEqual([]);
    expect(a.markerUses).toEqual([]);
  });
});

describe('marker diagnostics', () => {
  test('a call that is not the whole initializer', () => {
    expectError(
      `${RT}let x = VNET_DEFINE(1) + 1;`,
      'VIMAGE_MARKER_NOT_INITIALIZER',
      'VNET_DEFINE(1)',
    );
    expectError(
      `${RT}let x = f(VNET_DEFINE(1));`,
      'VIMAGE_MARKER_NOT_INITIALIZER',
      'VNET_DEFINE(1)',
    );
    expectError(`${RT}VNET_DEFINE(1);`, 'VIMAGE_MARKER_NOT_INITIALIZER', 'VNET_DEFINE(1)');
    expectError(
      `${RT}export default VNET_DEFINE(1);`,
      'VIMAGE_MARKER_NOT_INITIALIZER',
      'VNET_DEFINE(1)',
    );
    expectError(
      `${RT}let x; x = VNET_DEFINE(1);`,
      'VIMAGE_MARKER_NOT_INITIALIZER',
      'VNET_DEFINE(1)',
    );
    expectError(
      `${RT}let x = VNET_DEFINE(VNET_DEFINE(1));`,
      'VIMAGE_MARKER_NOT_INITIALIZER',
      'VNET_DEFINE(1)',
    );
  });

  test('a call that is not at module level', () => {
    const e = expectError(
      `${RT}function f() {\n  let x = VNET_DEFINE(1);\n}`,
      'VIMAGE_MARKER_NOT_MODULE_LEVEL',
      'VNET_DEFINE(1)',
    );
    expect(e.message).toContain('inside a function');
    expectError(
      `${RT}const f = () => VNET_DEFINE(1);`,
      'VIMAGE_MARKER_NOT_MODULE_LEVEL',
      'VNET_DEFINE(1)',
    );
    expectError(
      `${RT}{ let x = VNET_DEFINE(1); }`,
      'VIMAGE_MARKER_NOT_MODULE_LEVEL',
      'VNET_DEFINE(1)',
    );
    expectError(
      `${RT}if (c) var x = VNET_DEFINE(1);`,
      'VIMAGE_MARKER_NOT_MODULE_LEVEL',
      'VNET_DEFINE(1)',
    );
    expectError(
      `${RT}for (let i = VNET_DEFINE(0); ; ) ;`,
      'VIMAGE_MARKER_NOT_MODULE_LEVEL',
      'VNET_DEFINE(0)',
    );
    const c = expectError(
      `${RT}class C { static x = VNET_DEFINE(1) }`,
      'VIMAGE_MARKER_NOT_MODULE_LEVEL',
      'VNET_DEFINE(1)',
    );
    expect(c.message).toContain('inside a class');
    expectError(
      `${RT}namespace N { export let x = VNET_DEFINE(1) }`,
      'VIMAGE_MARKER_NOT_MODULE_LEVEL',
      'VNET_DEFINE(1)',
    );
  });

  test('a tag or decorator not at module level', () => {
    expectError(
      'function f() {\n  /** @vnet */ let x = 1;\n}',
      'VIMAGE_MARKER_NOT_MODULE_LEVEL',
      '@vnet',
    );
    expectError(
      `${RT}function f() { return class { @vnet static x = 1 } }`,
      'VIMAGE_MARKER_NOT_MODULE_LEVEL',
      '@vnet static',
    );
  });

  test('a marker on a destructuring declaration', () => {
    expectError(
      `${RT}let { a } = VNET_DEFINE(o);`,
      'VIMAGE_MARKER_DESTRUCTURING',
      'VNET_DEFINE(o)',
    );
    expectError(
      `${RT}const [a, b] = VNET_DEFINE([1, 2]);`,
      'VIMAGE_MARKER_DESTRUCTURING',
      'VNET_DEFINE(',
    );
    expectError('/** @vnet */ let [a] = arr;', 'VIMAGE_MARKER_DESTRUCTURING', '[a]');
    expectError('/** @vnet */ let ok = 1, { b } = o;', 'VIMAGE_MARKER_DESTRUCTURING', '{ b }');
  });

  test('VNET_DEFINE with other than exactly one argument', () => {
    expectError(`${RT}let x = VNET_DEFINE();`, 'VIMAGE_MARKER_ARGUMENTS', 'VNET_DEFINE()');
    const two = expectError(
      `${RT}let x = VNET_DEFINE(1, 2);`,
      'VIMAGE_MARKER_ARGUMENTS',
      'VNET_DEFINE(1',
    );
    expect(two.message).toContain('got 2');
    expectError(`${RT}let x = VNET_DEFINE(...a);`, 'VIMAGE_MARKER_ARGUMENTS', 'VNET_DEFINE(');
  });

  test('@vnet on anything but a static class field', () => {
    const instance = expectError(
      `${RT}class A { @vnet x = 1 }`,
      'VIMAGE_DECORATOR_TARGET',
      '@vnet x',
    );
    expect(instance.message).toContain('instance field');
    expect(
      expectError(`${RT}class A { @vnet static m() {} }`, 'VIMAGE_DECORATOR_TARGET', '@vnet static')
        .message,
    ).toContain('method');
    expect(
      expectError(`${RT}@vnet class A {}`, 'VIMAGE_DECORATOR_TARGET', '@vnet class').message,
    ).toContain('a class');
    expect(
      expectError(
        `${RT}class A { @vnet static get g() { return 1 } }`,
        'VIMAGE_DECORATOR_TARGET',
        '@vnet static',
      ).message,
    ).toContain('accessor');
    expect(
      expectError(
        `${RT}class A { @vnet static accessor a = 1 }`,
        'VIMAGE_DECORATOR_TARGET',
        '@vnet static',
      ).message,
    ).toContain('auto-accessor');
    expectError(`${RT}class A { @vnet static [k] = 1 }`, 'VIMAGE_DECORATOR_TARGET', '@vnet static');
    expectError(
      `${RT}class A { @vnet declare static d: number }`,
      'VIMAGE_DECORATOR_TARGET',
      '@vnet declare',
    );
  });

  test('a @vnet tag on anything but a static class field', () => {
    expectError('class A {\n  /** @vnet */ x = 1;\n}', 'VIMAGE_DECORATOR_TARGET', '@vnet');
    expectError('class A { /** @vnet */ m() {} }', 'VIMAGE_DECORATOR_TARGET', '@vnet');
    expectError('/** @vnet */\nclass A {}', 'VIMAGE_DECORATOR_TARGET', '@vnet');
  });

  test('the first misplaced marker in source order is reported', () => {
    const code = `${RT}class A { @vnet x = 1 }\nlet y = VNET_DEFINE(1, 2);\nfunction f() { VNET_DEFINE(3) }`;
    expectError(code, 'VIMAGE_DECORATOR_TARGET', '@vnet x');
  });

  test('the error carries a code frame pointing at the marker', () => {
    const e = expectError(
      `${RT}let x = f(VNET_DEFINE(1));`,
      'VIMAGE_MARKER_NOT_INITIALIZER',
      'VNET_DEFINE(1)',
    );
    expect(e.frame).toContain('let x = f(VNET_DEFINE(1));');
    expect(e.frame.split('\n').at(-1)!.indexOf('^')).toBe(
      e.frame.split('\n').at(-2)!.indexOf('VNET_DEFINE(1)'),
    );
    expect(e.pos).toBe(`${RT}let x = f(`.length);
  });
});
