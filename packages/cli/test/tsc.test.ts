import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { copyFixture, fixture, json, removeDir, runNode, vimage } from './helpers/run.js';

// Each test starts the CLI (which loads TypeScript and ts-morph) as a child process, some several times.
vi.setConfig({ testTimeout: 180_000 });

const OUTPUT = '[net] sendspace=33792 tcbs=1 blackhole=false\n';
const EMITTED = [
  'app.js',
  'main.js',
  'net/index.js',
  'net/tcp.js',
  'net/udp.js',
  'stats.js',
  'util/format.js',
];

let dir: string;
const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
beforeEach(() => {
  dir = copyFixture('net');
});
afterEach(() => removeDir(dir));

describe('vimage tsc', () => {
  it('emits with VIMAGE off by default: markers gone, plain globals, the program runs', () => {
    const r = vimage(['tsc', '-p', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'tsconfig.json: emitted 7 files (VIMAGE off)',
      ...EMITTED.map((f) => `  dist/${f}`),
      '',
    ]);
    expect(read('dist/net/tcp.js')).toContain('export let tcp_sendspace = 32768;');
    expect(read('dist/stats.js')).toContain('tcp.tcp_sendspace');
    expect(runNode('dist/main.js', dir)).toBe(OUTPUT);
  });

  it('--vimage rewrites accesses into the current vnet, and the program prints the same', () => {
    const r = vimage(['tsc', '-p', path.join(dir, 'tsconfig.json'), '--vimage']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('emitted 7 files (VIMAGE on)');
    expect(read('dist/stats.js')).toContain(
      '__vimage.c[tcp.tcp_sendspace === __vimage ? -1 : $vnet_tcp_sendspace]',
    );
    expect(read('dist/net/tcp.js')).toContain('__vimage.register("src/net/tcp.ts", true');
    expect(runNode('dist/main.js', dir)).toBe(OUTPUT);
  });

  it('--json: the config, the mode, diagnostics, vimage errors and warnings, what was emitted', () => {
    const r = vimage(['tsc', '-p', dir, '--vimage', '--json']);
    expect(r.status).toBe(0);
    expect(json(r)).toEqual({
      configFile: path.join(dir, 'tsconfig.json'),
      vimage: true,
      diagnostics: [],
      errors: [],
      warnings: [],
      emitSkipped: false,
      emitted: EMITTED.map((f) => path.join(dir, 'dist', f)),
    });
  });

  it('a type error: exit 1, reported as tsc does; output is still emitted, as tsc does', () => {
    fs.appendFileSync(
      path.join(dir, 'src/util/format.ts'),
      'export const width: number = "wide";\n',
    );
    const r = vimage(['tsc', '-p', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /src\/util\/format\.ts\(5,14\): error TS2322: Type 'string' is not assignable to type 'number'\./,
    );
    expect(r.stderr).toContain('vimage tsc: 1 error in the project of');
    expect(fs.existsSync(path.join(dir, 'dist/main.js'))).toBe(true);
    const doc = json(vimage(['tsc', '-p', dir, '--json']));
    expect(doc.diagnostics).toEqual([
      {
        code: 'TS2322',
        category: 'error',
        message: "Type 'string' is not assignable to type 'number'.",
        file: path.join(dir, 'src/util/format.ts'),
        line: 5,
        column: 14,
      },
    ]);
  });

  it('a misplaced marker: exit 1, file:line:column and the fix, and nothing emitted', () => {
    fs.appendFileSync(
      path.join(dir, 'src/net/tcp.ts'),
      'export function late() {\n  const x = VNET_DEFINE(1);\n  return x;\n}\n',
    );
    const r = vimage(['tsc', '-p', dir, '--vimage']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('nothing emitted: 1 vimage error\n');
    expect(r.stderr).toMatch(
      /src\/net\/tcp\.ts\(16,13\): error TS99001: VIMAGE_MARKER_NOT_MODULE_LEVEL: /,
    );
    expect(r.stderr).toContain('fix: move the declaration to the top level of the module');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    const doc = json(vimage(['tsc', '-p', dir, '--json']));
    expect(doc.emitted).toEqual([]);
    expect(doc.errors).toEqual([
      expect.objectContaining({
        code: 'VIMAGE_MARKER_NOT_MODULE_LEVEL',
        file: path.join(dir, 'src/net/tcp.ts'),
        line: 16,
        column: 13,
        hint: expect.stringContaining('move the declaration'),
      }),
    ]);
  });

  it('a tsconfig that is not JSON: exit 1 with its place, and nothing emitted (TypeScript alone would emit beside the sources)', () => {
    const broken = fixture('broken-tsconfig');
    const r = vimage(['tsc', '-p', broken]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "vimage tsc: packages/cli/test/fixtures/broken-tsconfig/tsconfig.json:5:3: error: broken tsconfig: TS1005: ',' expected.",
    );
    expect(fs.existsSync(path.join(broken, 'src/a.js'))).toBe(false);
  });

  it('no tsconfig there: exit 2', () => {
    const r = vimage(['tsc', '-p', path.join(dir, 'src')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: no tsconfig at');
    expect(r.stderr).toContain('fix: give -p a tsconfig file');
  });
});
