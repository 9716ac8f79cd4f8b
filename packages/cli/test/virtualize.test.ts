import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { copyFixture, json, removeDir, REPO, runNode, vimage } from './helpers/run.js';

// Each test starts the CLI (which loads TypeScript and ts-morph) as a child process, some several times.
vi.setConfig({ testTimeout: 180_000 });

const TSC = path.join(REPO, 'node_modules/typescript/bin/tsc');
const SOURCES = ['src/counter.ts', 'src/greeting.ts', 'src/ticks.js', 'src/main.ts'];

let dir: string;
const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
const snapshot = () => Object.fromEntries(SOURCES.map((f) => [f, read(f)]));

beforeEach(() => {
  dir = copyFixture('legacy');
});
afterEach(() => removeDir(dir));

describe('vimage virtualize', () => {
  it('--dry-run prints the diff of every file and writes nothing', () => {
    const before = snapshot();
    const r = vimage(['virtualize', ...SOURCES, '--dry-run'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(snapshot()).toEqual(before);
    expect(r.stdout).toContain('--- a/src/counter.ts\n+++ b/src/counter.ts\n@@ ');
    expect(r.stdout).toContain(
      "-import { VNET_SYSINIT } from '@vimage/runtime';\n+import { VNET_DEFINE, VNET_SYSINIT } from '@vimage/runtime';",
    );
    expect(r.stdout).toMatch(/^\+let count = VNET_DEFINE\(0\); \/\/ reassigned in bump\(\)$/m);
    expect(r.stdout).toContain('--- a/src/ticks.js');
    expect(r.stdout).not.toContain('src/main.ts');
    expect(r.stderr).toContain(
      'src/counter.ts:12:7: skipped a: reassigned at 24:3, but declared by the destructuring `{ a, b }`, which no marker can wrap',
    );
    expect(r.stderr).toContain('dry run: 5 globals would be marked in 3 files; nothing written');
  });

  it('marks reassigned let/var, adds or extends the import, keeps comments and formatting, and says what it did', () => {
    const r = vimage(['virtualize', ...SOURCES], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ['src/counter.ts'],
      ['marked', '5:5', 'count', 'let', 'reassigned at 19:3'],
      ['marked', '6:5', 'last', 'var', 'reassigned at 20:3'],
      ['marked', '8:5', 'pending', 'let', 'reassigned at 21:3'],
      ['import', 'VNET_DEFINE', "added to the import from '@vimage/runtime'"],
      [
        'skipped',
        '12:7',
        'a',
        'reassigned at 24:3, but declared by the destructuring `{ a, b }`, which no marker can wrap: declare it on its own, e.g. `let a = o.a`',
      ],
      ['src/greeting.ts'],
      ['marked', '6:5', 'greeting', 'let', 'reassigned at 9:3'],
      ['import', 'VNET_DEFINE', "added import from '@vimage/runtime'"],
      ['src/ticks.js'],
      ['marked', '2:5', 'ticks', 'let', 'reassigned at 5:3'],
      ['import', 'VNET_DEFINE', "added import from '@vimage/runtime'"],
      ['marked 5 globals, wrote 3 files'],
      [''],
    ]);
    // Every byte but the edits stays: the header comment, the doc comment, blank lines.
    expect(read('src/greeting.ts')).toBe(
      [
        '/*',
        ' * Greeting state. A licence-style header comment, separated from the code by a blank line.',
        ' */',
        '',
        "import { VNET_DEFINE } from '@vimage/runtime';",
        '',
        '/** The greeting alternates between calls. */',
        "let greeting = VNET_DEFINE('hello');",
        '',
        'export function greet(name: string): string {',
        "  greeting = greeting === 'hello' ? 'hi' : 'hello';",
        '  return `${greeting}, ${name}`;',
        '}',
        '',
      ].join('\n'),
    );
    const counter = read('src/counter.ts');
    expect(counter).toContain('let count = VNET_DEFINE(0); // reassigned in bump()\n');
    expect(counter).toContain(
      'var last: string | undefined = VNET_DEFINE<string | undefined>(undefined);\n',
    );
    expect(counter).toContain('let step = 1; // never reassigned: stays a plain global\n');
    expect(counter).toContain('let pending: number = VNET_DEFINE<number>(undefined!);\n');
    expect(counter).toContain('export const history: string[] = [];\n');
    expect(read('src/ticks.js')).toContain('let ticks = VNET_DEFINE(undefined);\n');
  });

  it('--objects also marks module-level objects, arrays and Maps that the module mutates', () => {
    const doc = json(vimage(['virtualize', 'src/counter.ts', '--objects', '--json'], { cwd: dir }));
    expect(doc.files[0].marked.map((m: any) => [m.name, m.keyword, m.reason])).toEqual([
      ['count', 'let', 'reassigned'],
      ['last', 'var', 'reassigned'],
      ['pending', 'let', 'reassigned'],
      ['history', 'const', 'mutated'],
      ['limits', 'const', 'mutated'],
      ['handlers', 'const', 'mutated'],
    ]);
    const counter = read('src/counter.ts');
    expect(counter).toContain('export const history: string[] = VNET_DEFINE([]);\n');
    expect(counter).toContain('const limits = VNET_DEFINE({ max: 10 });\n');
    expect(counter).toContain('const handlers = VNET_DEFINE(new Map<string, () => void>());\n');
  });

  it('--json: per file what was marked (with the first write), skipped, the import, the diff; what was written', () => {
    const r = vimage(['virtualize', ...SOURCES, '--json'], { cwd: dir });
    expect(r.status).toBe(0);
    const doc = json(r);
    expect(doc.dryRun).toBe(false);
    expect(doc.errors).toEqual([]);
    expect(doc.written).toEqual(
      ['src/counter.ts', 'src/greeting.ts', 'src/ticks.js'].map((f) =>
        path.join(fs.realpathSync(dir), f),
      ),
    );
    expect(
      doc.files.map((f: any) => [path.basename(f.file), f.import, f.marked.length, f.diff !== '']),
    ).toEqual([
      ['counter.ts', 'extended', 3, true],
      ['greeting.ts', 'added', 1, true],
      ['ticks.js', 'added', 1, true],
      ['main.ts', null, 0, false],
    ]);
    expect(doc.files[0].marked[0]).toEqual({
      name: 'count',
      keyword: 'let',
      reason: 'reassigned',
      line: 5,
      column: 5,
      at: { line: 19, column: 3 },
    });
    expect(doc.files[0].skipped).toEqual([
      {
        name: 'a',
        line: 12,
        column: 7,
        reason: expect.stringContaining('declared by the destructuring `{ a, b }`'),
      },
    ]);
  });

  it('the result compiles with tsc and, built with VIMAGE off (and on), prints what the original printed', () => {
    const original = copyFixture('legacy');
    try {
      execFileSync(process.execPath, [TSC, '-p', original], { encoding: 'utf8' });
      const expected = runNode('dist/main.js', original);
      expect(expected).toBe('-1 b 4 a,b 12 0 2 2\nhi, x hello, y\n1 2\n');

      expect(vimage(['virtualize', ...SOURCES, '--objects'], { cwd: dir }).status).toBe(0);
      // No type errors: tsc prints nothing and exits 0.
      expect(
        execFileSync(process.execPath, [TSC, '-p', dir, '--noEmit'], { encoding: 'utf8' }),
      ).toBe('');
      const off = vimage(['tsc', '-p', dir]);
      expect(off.status).toBe(0);
      expect(runNode('dist/main.js', dir)).toBe(expected);
      const on = vimage(['tsc', '-p', dir, '--vimage']);
      expect(on.status).toBe(0);
      expect(read('dist/counter.js')).toContain('__vimage.c[$vnet_count]');
      expect(runNode('dist/main.js', dir)).toBe(expected);
    } finally {
      removeDir(original);
    }
    // Seven child processes, two of them full tsc runs: more than the default minute on a busy machine.
  }, 300_000);

  it('a second run finds nothing left to do', () => {
    expect(vimage(['virtualize', ...SOURCES], { cwd: dir }).status).toBe(0);
    const after = snapshot();
    const again = vimage(['virtualize', ...SOURCES], { cwd: dir });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(
      'nothing to virtualize: no module-level state is reassigned (see the skipped declarations above)',
    );
    expect(snapshot()).toEqual(after);
  });

  it('uses an existing namespace import, and an alias when VNET_DEFINE names something else', () => {
    fs.writeFileSync(
      path.join(dir, 'src/ns.ts'),
      "import * as rt from '@vimage/runtime';\nrt.VNET_SYSINIT(() => {});\nexport let n = 0;\nexport const inc = () => n++;\n",
    );
    fs.writeFileSync(
      path.join(dir, 'src/taken.ts'),
      'const VNET_DEFINE = 1;\nexport let t = VNET_DEFINE;\nexport function set() {\n  t = 2;\n}\n',
    );
    expect(vimage(['virtualize', 'src/ns.ts', 'src/taken.ts'], { cwd: dir }).status).toBe(0);
    expect(read('src/ns.ts')).toBe(
      "import * as rt from '@vimage/runtime';\nrt.VNET_SYSINIT(() => {});\nexport let n = rt.VNET_DEFINE(0);\nexport const inc = () => n++;\n",
    );
    expect(read('src/taken.ts')).toBe(
      "import { VNET_DEFINE as VNET_DEFINE_1 } from '@vimage/runtime';\n\nconst VNET_DEFINE = 1;\nexport let t = VNET_DEFINE_1(VNET_DEFINE);\nexport function set() {\n  t = 2;\n}\n",
    );
  });
});

describe('vimage virtualize refuses, and writes nothing', () => {
  it('when a marked module would be rejected by the transform (eval beside a virtualized global): exit 1', () => {
    fs.writeFileSync(
      path.join(dir, 'src/evil.ts'),
      'let x = 0;\nexport function run(code: string) {\n  x++;\n  return eval(code);\n}\n',
    );
    const before = { ...snapshot(), evil: read('src/evil.ts') };
    const r = vimage(['virtualize', 'src/greeting.ts', 'src/evil.ts'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('nothing written: fix the errors below, then run again');
    expect(r.stderr).toMatch(/src\/evil\.ts:4:10: error VIMAGE_EVAL once marked: /);
    expect(r.stderr).toContain('nothing was written');
    expect({ ...snapshot(), evil: read('src/evil.ts') }).toEqual(before);
  });

  it('on a syntax error: exit 1 naming file, line and column, with a code frame', () => {
    fs.writeFileSync(
      path.join(dir, 'src/broken.ts'),
      'let y = 0;\nexport function f() {\n  y = (1;\n}\n',
    );
    const before = read('src/greeting.ts');
    const r = vimage(['virtualize', 'src/greeting.ts', 'src/broken.ts', '--json'], { cwd: dir });
    expect(r.status).toBe(1);
    const doc = json(r);
    expect(doc.written).toEqual([]);
    expect(doc.errors).toEqual([
      expect.objectContaining({
        code: 'VIMAGE_SYNTAX',
        line: 3,
        column: 9,
        message: "syntax error: ')' expected.",
      }),
    ]);
    expect(doc.errors[0].frame).toContain('3:   y = (1;');
    expect(doc.errors[0].frame).toContain('^');
    expect(read('src/greeting.ts')).toBe(before);
  });

  it('on a missing file, one that is not a source, or a CommonJS script: exit 2', () => {
    const missing = vimage(['virtualize', 'src/nope.ts'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('error: no such file: src/nope.ts');
    const json = vimage(['virtualize', 'tsconfig.json'], { cwd: dir });
    expect(json.status).toBe(2);
    expect(json.stderr).toContain('tsconfig.json is not a TypeScript or JavaScript source file');
    fs.writeFileSync(path.join(dir, 'src/old.cjs'), 'let n = 0;\nexports.inc = () => ++n;\n');
    const cjs = vimage(['virtualize', 'src/old.cjs'], { cwd: dir });
    expect(cjs.status).toBe(2);
    expect(cjs.stderr).toContain(
      'src/old.cjs is a CommonJS script\n  fix: vimage virtualizes ES modules',
    );
    expect(read('src/old.cjs')).toBe('let n = 0;\nexports.inc = () => ++n;\n');
  });
});
