import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, formatMessages, type BuildFailure, type BuildOptions, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import vimage from '@vimage/plugin/esbuild';
import { run } from '../../test/helpers/build.js';

/** Fixtures live inside the repo so that `@vimage/runtime` resolves through node_modules. */
const out = path.resolve(fileURLToPath(import.meta.url), '../../../test/.out/plugin-esbuild');

async function project(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(out, name);
  await rm(dir, { recursive: true, force: true });
  for (const [file, code] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), code);
  }
  return dir;
}

function bundle(dir: string, on: boolean, extra: BuildOptions = {}) {
  return build({
    entryPoints: [path.join(dir, 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    outdir: path.join(dir, 'dist'),
    external: ['@vimage/runtime'],
    logLevel: 'silent',
    ...extra,
    plugins: [vimage({ vimage: on, root: dir }), ...(extra.plugins ?? [])],
  });
}

const MARKED = "import { VNET_DEFINE } from '@vimage/runtime';\n";

describe('errors', () => {
  it('reports a bad marker in esbuild error list with file, line, column, the line and the fix', async () => {
    const dir = await project('bad-marker', {
      'main.ts': "import { f } from './net';\nf();\n",
      'net.ts': `${MARKED}export function f() {\n  let x = VNET_DEFINE(1);\n  return x;\n}\n`,
    });
    const failure = (await bundle(dir, true).then(
      () => null,
      (e: BuildFailure) => e,
    ))!;
    expect(failure.errors).toHaveLength(1);
    const [error] = failure.errors;
    expect(error.pluginName).toBe('vimage');
    expect(error.location).toMatchObject({
      line: 3,
      column: 10,
      lineText: '  let x = VNET_DEFINE(1);',
    });
    expect(path.resolve(error.location!.file)).toBe(path.join(dir, 'net.ts'));
    expect(error.detail.code).toBe('VIMAGE_MARKER_NOT_MODULE_LEVEL');
    const [printed] = await formatMessages([error], { kind: 'error' });
    expect(printed).toContain('net.ts:3:10:');
    expect(printed).toContain('let x = VNET_DEFINE(1);');
    expect(printed).toContain('fix: ');
  });

  it('gives esbuild byte columns: non-ASCII text before the error, and a byte order mark on line 1', async () => {
    const line = "  const ünïcødé = '✓'; let x = VNET_DEFINE(1);";
    const bomLine = 'let y = 1; export const g = () => VNET_DEFINE(y);';
    const cases = [
      {
        name: 'byte-columns',
        code: `${MARKED}export function f() {\n${line}\n  return [ünïcødé, x];\n}\n`,
        line: 3,
        text: line,
      },
      { name: 'bom-column', code: `\uFEFF${bomLine}\n${MARKED}`, line: 1, text: bomLine },
    ];
    for (const c of cases) {
      const dir = await project(c.name, { 'main.ts': "import './net';\n", 'net.ts': c.code });
      const failure = (await bundle(dir, true).then(
        () => null,
        (e: BuildFailure) => e,
      ))!;
      const [error] = failure.errors;
      expect(error!.location).toMatchObject({ line: c.line, lineText: c.text });
      expect(error!.location!.column).toBe(
        Buffer.byteLength(c.text.slice(0, c.text.indexOf('VNET_DEFINE'))),
      );
      // esbuild draws the caret from the byte column: under the marker.
      const printed = (await formatMessages([error!], { kind: 'error' }))[0]!.split('\n');
      const at = printed.findIndex((l) => l.includes(c.text));
      expect(printed[at + 1]!.indexOf('^')).toBe(printed[at]!.indexOf('VNET_DEFINE'));
    }
  });

  it('refuses unknown options when the plugin is made', () => {
    expect(() => vimage({ vimgae: true } as never)).toThrow(/unknown option "vimgae"/);
  });
});

describe('source maps', () => {
  it('maps a position in a transformed module back to its original line and column', async () => {
    const net = `${MARKED}/** @vnet */ export let hits = 0;\nexport let total = VNET_DEFINE(0);\n\nexport function count() {\n  hits++; total += 2;\n  return 'the-seventh-line';\n}\n`;
    const dir = await project('sourcemap', {
      'main.ts': "import { count } from './net';\nconsole.log(count());\n",
      'net.ts': net,
    });
    const result = await bundle(dir, true, { sourcemap: 'external' });
    const js = result.outputFiles!.find((f) => f.path.endsWith('.js'))!.text;
    const map = JSON.parse(result.outputFiles!.find((f) => f.path.endsWith('.js.map'))!.text);
    expect(js).toContain('__vimage.c[');
    const original = (text: string) => {
      const at = js.indexOf(text);
      const line = js.slice(0, at).split('\n').length - 1;
      return new SourceMap(map).findEntry(line, at - js.lastIndexOf('\n', at) - 1) as {
        originalSource: string;
        originalLine: number;
        originalColumn: number;
      };
    };
    const literal = original('"the-seventh-line"');
    // Sources are relative to the map's folder.
    expect(path.resolve(dir, 'dist', literal.originalSource)).toBe(path.join(dir, 'net.ts'));
    expect([literal.originalLine, literal.originalColumn]).toEqual([
      6,
      net.split('\n')[6]!.indexOf("'the-seventh-line'"),
    ]);
    // A rewritten access, after another one on the same line.
    expect(original('__vimage.c[$vnet_total] += 2')).toMatchObject({
      originalLine: 5,
      originalColumn: net.split('\n')[5]!.indexOf('total'),
    });
  });
});

describe('virtual:vimage/set', () => {
  it('lists every global of the build for the first importer, late chunks included', async () => {
    const dir = await project('linker-set', {
      // The set is imported before any definer loads, and one definer is only reached by import().
      'main.ts':
        "import set from 'virtual:vimage/set';\nimport { a } from './a';\nimport { t } from './tagged';\nconsole.log(JSON.stringify(set.map((r) => [r.symbol, r.slot, r.copy])), a, t);\nawait import('./late');\n",
      // A tag needs no import of the runtime.
      'tagged.ts': '/** @vnet */ export let t = 2;\n',
      'a.ts': `${MARKED}export let a = VNET_DEFINE(1);\n/** @vnet */ export const list: number[] = [];\n`,
      'late.ts': `${MARKED}export let late = VNET_DEFINE('x');\n`,
    });
    await bundle(dir, true, { splitting: true, write: true });
    const { stdout, stderr } = await run(path.join(dir, 'dist/main.js'));
    expect(stderr).toBe('');
    expect(stdout).toBe(
      '[["a.ts#a",0,"primitive"],["a.ts#list",1,"deep"],["late.ts#late",2,"primitive"],["tagged.ts#t",3,"primitive"]] 1 2\n',
    );
  });

  it('fails the build when a module with globals was reached only through a computed import()', async () => {
    const dir = await project('linker-set-glob', {
      'main.ts':
        "import set from 'virtual:vimage/set';\nconst name = process.argv[2] ?? 'x';\nconsole.log(set, await import(`./mods/${name}.ts`));\n",
      'mods/x.ts': `${MARKED}export let x = VNET_DEFINE(1);\n`,
    });
    const failure = (await bundle(dir, true, { splitting: true, write: true }).then(
      () => null,
      (e: BuildFailure) => e,
    ))!;
    expect(failure.errors.map((e) => e.text)).toEqual([
      'virtual:vimage/set misses mods/x.ts: reached only through a computed import()',
    ]);
    // esbuild writes before onEnd: the plugin writes instead, and only a build that passed.
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('walks from entry points written as paths relative to the working directory, with or without ./', async () => {
    const dir = await project('linker-set-entry', {
      'src/main.ts':
        "import set from 'virtual:vimage/set';\nimport { a } from './a';\nconsole.log(set.map((r) => r.symbol).join(), a);\n",
      'src/a.ts': `${MARKED}export let a = VNET_DEFINE(1);\n`,
    });
    for (const entry of ['src/main.ts', './src/main.ts']) {
      const r = await bundle(dir, true, { entryPoints: [entry], absWorkingDir: dir, write: true });
      expect(r.errors).toEqual([]);
      expect(r.outputFiles).toBeUndefined();
      const { stdout, stderr } = await run(path.join(dir, 'dist/main.js'));
      expect(stderr).toBe('');
      expect(stdout).toBe('src/a.ts#a 1\n');
    }
  });
});

describe('loading', () => {
  it('leaves files with no marker and no virtualized import to esbuild and the next plugins', async () => {
    const dir = await project('untouched', {
      'main.ts':
        "import { a } from './a';\nimport { plain } from './plain';\nconsole.log(a, plain);\n",
      'a.ts': `${MARKED}export let a = VNET_DEFINE(1);\n`,
      'plain.ts': 'export const plain = 2;\n',
    });
    const seen: string[] = [];
    const spy: Plugin = {
      name: 'spy',
      setup: (b) =>
        b.onLoad({ filter: /\.ts$/ }, (args) => void seen.push(path.basename(args.path))),
    };
    await bundle(dir, false, { plugins: [spy] });
    expect(seen.sort()).toEqual(['plain.ts']);
  });
});
