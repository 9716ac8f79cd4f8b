import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import vimageTransformer, { emitWithVimage, VIMAGE_DIAGNOSTIC_CODE } from '@vimage/plugin/tsc';
import { run } from '../../test/helpers/build.js';

/** Fixtures live inside the repo so that `@vimage/runtime` resolves through node_modules. */
const out = path.resolve(fileURLToPath(import.meta.url), '../../../test/.out/plugin-tsc');
const MARKED = "import { VNET_DEFINE } from '@vimage/runtime';\n";

/** A project with a tsconfig; no @types/node nor DOM lib, which cost seconds to parse per program. */
async function project(
  name: string,
  files: Record<string, string>,
  compilerOptions: Record<string, unknown> = {},
): Promise<string> {
  const dir = path.join(out, name);
  await rm(dir, { recursive: true, force: true });
  const options = {
    target: 'ES2022',
    module: 'esnext',
    moduleResolution: 'bundler',
    strict: true,
    types: [],
    lib: ['ES2022'],
    rootDir: 'src',
    outDir: 'dist',
    declaration: true,
    sourceMap: true,
    ...compilerOptions,
  };
  const env = 'declare const console: { log(...values: unknown[]): void };\n';
  const all = {
    'tsconfig.json': JSON.stringify({ compilerOptions: options, include: ['src'] }),
    'src/env.d.ts': env,
    ...files,
  };
  for (const [file, code] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), code);
  }
  return dir;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
const host: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => out,
  getNewLine: () => '\n',
};

describe('emitWithVimage errors', () => {
  it('reports a bad marker as a diagnostic with file, line and column, and writes nothing', async () => {
    const dir = await project('bad-marker', {
      'src/main.ts': "import { f } from './net.js';\nf();\n",
      'src/net.ts': `${MARKED}export function f() {\n  let x = VNET_DEFINE(1);\n  return x;\n}\n`,
    });
    const result = emitWithVimage({ project: dir, vimage: true, root: dir });
    expect(result.emitSkipped).toBe(true);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect(d!.code).toBe(VIMAGE_DIAGNOSTIC_CODE);
    expect(d!.file!.fileName).toBe(path.join(dir, 'src/net.ts'));
    expect(ts.getLineAndCharacterOfPosition(d!.file!, d!.start!)).toEqual({
      line: 2,
      character: 10,
    });
    // eslint-disable-next-line no-control-regex
    const printed = ts
      .formatDiagnosticsWithColorAndContext(result.diagnostics, host)
      .replace(/\x1b\[[0-9;]*m/g, '');
    expect(printed).toContain('bad-marker/src/net.ts:3:11');
    expect(printed).toContain('VIMAGE_MARKER_NOT_MODULE_LEVEL');
    expect(printed).toContain('let x = VNET_DEFINE(1);');
    expect(printed).toContain('fix: ');
  });

  it('reports type errors as tsc does: emit goes on, unless noEmitOnError', async () => {
    const files = { 'src/main.ts': `${MARKED}export let n: number = VNET_DEFINE('text');\n` };
    const emitted = emitWithVimage({ project: await project('type-error', files), vimage: true });
    expect(emitted.diagnostics.map((d) => d.code)).toEqual([2322]);
    expect(emitted.emitSkipped).toBe(false);
    const stopped = emitWithVimage({
      project: await project('type-error-stop', files, { noEmitOnError: true }),
      vimage: true,
    });
    expect(stopped.emitSkipped).toBe(true);
  });
});

describe('virtualize', () => {
  it('virtualizes unmarked state in the files it selects, with warnings as tsc warnings', async () => {
    const dir = await project('virtualize', {
      'src/counter.ts':
        "let n = 0;\nexport function inc() { return ++n; }\nexport const compiled = new Function('return 1');\n",
      'src/main.ts': "import { inc } from './counter.js';\ninc();\nconsole.log(inc());\n",
    });
    const result = emitWithVimage({
      project: dir,
      vimage: true,
      root: dir,
      virtualize: { include: ['src/counter.ts'] },
    });
    expect(result.emitSkipped).toBe(false);
    expect(
      result.diagnostics.map((d) => [
        d.category,
        d.file?.fileName,
        ts.flattenDiagnosticMessageText(d.messageText, '\n').split(':')[0],
      ]),
    ).toEqual([
      [ts.DiagnosticCategory.Warning, path.join(dir, 'src/counter.ts'), 'VIMAGE_W_DYNAMIC'],
    ]);
    expect(read(dir, 'dist/counter.js')).toContain('__vimage.c[');
    expect(await run(path.join(dir, 'dist/main.js'))).toEqual({
      stdout: '2\n',
      stderr: '',
      code: 0,
    });
  });
});

describe('what TypeScript emits around the rewritten code', () => {
  // Type-only imports without `type`, const enums, enums and decorator metadata all need the
  // checker at emit: they stay right because the grafted tree keeps the original, bound nodes.
  const files = {
    'src/types.ts':
      'export interface Packet { size: number }\nexport enum Proto { TCP = 6, UDP = 17 }\nexport function pad(n: number) { return n + 1; }\n',
    'src/net.ts': `${MARKED}import { Packet, Proto, pad } from './types.js';\nconst enum Limits { Max = 3 }\nexport let sent = VNET_DEFINE(0);\n/** @vnet */ export let last: Packet = { size: 0 };\nexport function send(p: Packet) {\n  // a comment that stays\n  sent += pad(p.size) + Limits.Max + Proto.UDP;\n  last = p;\n  return sent;\n}\n`,
    'src/main.ts':
      "import { send, sent, last } from './net.js';\nsend({ size: 1 });\nconsole.log(sent, last.size);\n",
  };

  // node20 emits these files as CommonJS (src/package.json), whose runtime import becomes a require of ESM.
  const variants = [
    { module: 'esnext', moduleResolution: 'bundler', type: 'module' },
    { module: 'node20', moduleResolution: 'node16', type: 'commonjs' },
  ];
  for (const { type, ...options } of variants) {
    it(`runs as ${type} (module ${options.module}) in both modes`, async () => {
      for (const on of [false, true]) {
        const pkg = JSON.stringify({ type });
        const dir = await project(
          `emit-${type}-${on}`,
          { ...files, 'src/package.json': pkg, 'dist/package.json': pkg },
          options,
        );
        const result = emitWithVimage({ project: dir, vimage: on, root: dir });
        expect(result.diagnostics).toEqual([]);
        const net = read(dir, 'dist/net.js');
        expect(net).toContain('// a comment that stays');
        expect(net).toContain('3 /* Limits.Max */');
        expect(net).not.toMatch(/import \{[^}]*Packet/);
        expect(net.includes('__vimage.c[')).toBe(on);
        expect(await run(path.join(dir, 'dist/main.js'))).toEqual({
          stdout: '22 1\n',
          stderr: '',
          code: 0,
        });
      }
    });
  }

  it('leaves declaration files as TypeScript emits them without vimage', async () => {
    const dir = await project('declarations', files);
    emitWithVimage({ project: dir, vimage: true, root: dir });
    const withVimage = ['net', 'types', 'main'].map((f) => read(dir, `dist/${f}.d.ts`));
    await rm(path.join(dir, 'dist'), { recursive: true });
    const parsed = ts.getParsedCommandLineOfConfigFile(
      path.join(dir, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    ts.createProgram(parsed.fileNames, parsed.options).emit();
    expect(['net', 'types', 'main'].map((f) => read(dir, `dist/${f}.d.ts`))).toEqual(withVimage);
  });

  it('maps positions in the output back to the original lines', async () => {
    const dir = await project('sourcemap', files);
    emitWithVimage({ project: dir, vimage: true, root: dir });
    const js = read(dir, 'dist/net.js');
    const map = new SourceMap(JSON.parse(read(dir, 'dist/net.js.map')));
    const original = (text: string) => {
      const at = js.indexOf(text);
      return map.findEntry(
        js.slice(0, at).split('\n').length - 1,
        at - js.lastIndexOf('\n', at) - 1,
      ) as { originalSource: string; originalLine: number; originalColumn: number };
    };
    const source = files['src/net.ts'].split('\n');
    // A rewritten access, and an untouched call after it on the same line.
    expect(original('__vimage.c[sent === __vimage ? -1 : $vnet_sent] +=')).toMatchObject({
      originalLine: 7,
      originalColumn: source[7]!.indexOf('sent'),
    });
    expect(original('pad(p.size)')).toMatchObject({
      originalLine: 7,
      originalColumn: source[7]!.indexOf('pad('),
    });
    expect(original('return __vimage.c[sent === __vimage ? -1 : $vnet_sent]')).toMatchObject({
      originalLine: 9,
      originalColumn: 2,
    });
  });
});

describe('ts-patch transformer', () => {
  it('takes its options from the plugins entry, root relative to the tsconfig, and reports errors through addDiagnostic', async () => {
    const dir = await project('ts-patch', {
      'src/net.ts': `${MARKED}export let n = VNET_DEFINE(1);\n`,
      'src/bad.ts': `${MARKED}export function f() { return VNET_DEFINE(2); }\n`,
    });
    const parsed = ts.getParsedCommandLineOfConfigFile(
      path.join(dir, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const reported: ts.Diagnostic[] = [];
    const factory = vimageTransformer(
      program,
      { transform: '@vimage/plugin/tsc', vimage: true, root: './src' },
      { addDiagnostic: (d) => reported.push(d) },
    );
    program.emit(undefined, undefined, undefined, false, { before: [factory] });
    expect(read(dir, 'dist/net.js')).toContain('__vimage.register("net.ts", true, ["n"]');
    expect(
      reported.map((d) => [
        d.file?.fileName,
        ts.flattenDiagnosticMessageText(d.messageText, '\n').split(':')[0],
      ]),
    ).toEqual([[path.join(dir, 'src/bad.ts'), 'VIMAGE_MARKER_NOT_MODULE_LEVEL']]);
  });

  it('configures emitWithVimage too, the arguments winning', async () => {
    const dir = await project(
      'plugins-entry',
      { 'src/net.ts': `${MARKED}export let n = VNET_DEFINE(1);\n` },
      {
        plugins: [{ transform: '@vimage/plugin/tsc', vimage: true, root: './src' }],
      },
    );
    emitWithVimage({ project: dir });
    expect(read(dir, 'dist/net.js')).toContain('__vimage.register("net.ts", true,');
    emitWithVimage({ project: dir, vimage: false });
    expect(read(dir, 'dist/net.js')).toContain('__vimage.register("net.ts", false,');
  });

  it("refuses unknown options and a place after TypeScript's transforms", () => {
    const program = ts.createProgram([], {});
    expect(() =>
      vimageTransformer(program, { transform: '@vimage/plugin/tsc', vimgae: true }),
    ).toThrow(/unknown option "vimgae"/);
    expect(() =>
      vimageTransformer(program, { transform: '@vimage/plugin/tsc', after: true }),
    ).toThrow(/must run before/);
  });
});
