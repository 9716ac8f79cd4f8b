import path from 'node:path';
import { rspack } from '@rspack/core';
import { build as esbuild } from 'esbuild';
import { rolldown } from 'rolldown';
import { rollup } from 'rollup';
import webpack from 'webpack';
import { describe, expect, it } from 'vitest';
import vimageEsbuild from '@vimage/plugin/esbuild';
import vimageRolldown from '@vimage/plugin/rolldown';
import vimageRollup from '@vimage/plugin/rollup';
import vimageRspack from '@vimage/plugin/rspack';
import vimageVite from '@vimage/plugin/vite';
import vimageWebpack from '@vimage/plugin/webpack';
import { outRoot, stripTypes } from './helpers/build.js';
import * as hosts from './helpers/hosts.js';
import { vites } from './helpers/vites.js';

/**
 * A library bundle that exports automatically virtualized globals (one re-exported, one its
 * entry's own): every host warns VIMAGE_W_EXPORT at both declarations, as the rollup adapter
 * does, since code the plugin did not build reads only their values at declaration.
 */
const LIBRARY = {
  'defaults.ts':
    "export let defaults = { lang: 'en' };\nexport function setDefaults(d: { lang: string }) { defaults = d; }\n",
  'main.ts':
    "export { defaults, setDefaults } from './defaults';\nexport let level = 1;\nexport function raise() { level++; }\n",
};
const options = (dir: string) => ({
  vimage: true,
  root: dir,
  virtualize: { include: ['**/*.ts'] },
});

/** Each warning as `defaults.ts:1:12 <message>` (1-based column), sorted. */
type Found = { file: string; line: number; column: number; message: string }[];
function expectWarnings(found: Found, bundle: RegExp): void {
  const got = found.map((w) => `${path.basename(w.file)}:${w.line}:${w.column}`).sort();
  expect(got).toEqual(['defaults.ts:1:12', 'main.ts:2:12']);
  const defaults = found.find((w) => w.file.endsWith('defaults.ts'))!.message;
  expect(defaults).toMatch(bundle);
  expect(defaults).toContain(
    'exports "defaults", the automatically virtualized global defaults.ts#defaults',
  );
}

/** Hosts that print the message alone carry the place and the frame in it. */
function fromText(messages: string[]): Found {
  return messages
    .filter((m) => m.includes('VIMAGE_W_EXPORT'))
    .map((m) => {
      const [, file, line, column, message] = /(\/\S+?):(\d+):(\d+): ([^\n]*)/.exec(m)!;
      expect(m).toMatch(/\b1: export let defaults|\b2: export let level/);
      return { file: file!, line: Number(line), column: Number(column), message: message! };
    });
}

type Log = {
  code?: string;
  pluginCode?: unknown;
  loc?: { file?: string; line: number; column: number };
  message: string;
};
function fromLogs(logs: Log[]): Found {
  return logs
    .filter((l) => (l.pluginCode ?? l.code) === 'VIMAGE_W_EXPORT')
    .map((l) => ({
      file: l.loc!.file!,
      line: l.loc!.line,
      column: l.loc!.column + 1,
      message: l.message,
    }));
}

describe('VIMAGE_W_EXPORT: a library bundle exports an automatically virtualized global', () => {
  it('rollup', async () => {
    const dir = await hosts.project('export-warning-rollup', LIBRARY);
    const logs: Log[] = [];
    const b = await rollup({
      input: path.join(dir, 'main.ts'),
      plugins: [vimageRollup(options(dir)), stripTypes()],
      onwarn: (w) => void logs.push(w),
    });
    await b.generate({ format: 'es', entryFileNames: 'lib.mjs' });
    expectWarnings(fromLogs(logs), /\blib\.mjs exports/);
  });

  it('rolldown', async () => {
    const dir = await hosts.project('export-warning-rolldown', LIBRARY);
    const logs: Log[] = [];
    const b = await rolldown({
      input: path.join(dir, 'main.ts'),
      plugins: [vimageRolldown(options(dir))],
      onLog: (_level, l) => void logs.push(l as Log),
    });
    await b.generate({ format: 'es', entryFileNames: 'lib.mjs' });
    await b.close();
    expectWarnings(fromLogs(logs), /\blib\.mjs exports/);
  });

  for (const vite of vites) {
    it(`vite ${vite.major} (library mode)`, async () => {
      const dir = await hosts.project(`export-warning-vite${vite.major}`, LIBRARY);
      const logs: Log[] = [];
      await vite.build({
        root: dir,
        configFile: false,
        logLevel: 'silent',
        plugins: [vimageVite(options(dir))],
        build: {
          outDir: path.join(dir, 'dist'),
          minify: false,
          write: false,
          lib: { entry: path.join(dir, 'main.ts'), formats: ['es'], fileName: () => 'lib.mjs' },
          rollupOptions: { onwarn: (w) => void logs.push(w as Log) },
        },
      });
      expectWarnings(fromLogs(logs), /\blib\.mjs exports/);
    });
  }

  it('esbuild (ESM output); an iife with no global name exports nothing, and is not warned about', async () => {
    const dir = await hosts.project('export-warning-esbuild', LIBRARY);
    const built = (format: 'esm' | 'iife') =>
      esbuild({
        entryPoints: [path.join(dir, 'main.ts')],
        bundle: true,
        format,
        write: false,
        outdir: path.join(outRoot, 'export-warning-esbuild-out'),
        plugins: [vimageEsbuild(options(dir))],
        logLevel: 'silent',
      });
    const { warnings } = await built('esm');
    // `detail` keeps the code inside esbuild's plugin API only: the text tells these apart.
    const exported = (w: { text: string }) =>
      w.text.includes('the automatically virtualized global');
    const found = warnings.filter(exported).map((w) => ({
      file: w.location!.file,
      line: w.location!.line,
      column: w.location!.column + 1,
      message: w.text,
    }));
    expectWarnings(found, /\bthe bundle of \S*main\.ts exports/);
    expect((await built('iife')).warnings.filter(exported)).toEqual([]);
  });

  // The TypeScript step each takes in its own tests: ts-loader for webpack, swc built into rspack.
  const tsLoader = { loader: 'ts-loader', options: { transpileOnly: true } };
  const swc = {
    loader: 'builtin:swc-loader',
    options: { jsc: { parser: { syntax: 'typescript' } } },
  };
  const packers = {
    webpack: [webpack, vimageWebpack, tsLoader],
    rspack: [rspack, vimageRspack, swc],
  } as const;
  for (const [name, [pack, plugin, ts]] of Object.entries(packers)) {
    it(`${name} (output.library); an application build exports nothing, and is not warned about`, async () => {
      const dir = await hosts.project(`export-warning-${name}`, LIBRARY);
      const build = (library: boolean) => {
        const out = path.join(dir, library ? 'lib' : 'app');
        const config = hosts.webpackOptions(dir, out, ts, plugin(options(dir)));
        if (library) Object.assign(config.output, { library: { type: 'module' } });
        return new Promise<string[]>((resolve, reject) =>
          (pack as typeof webpack)(config as never, (e, stats) => {
            if (e || !stats) return reject(e);
            expect(stats.compilation.errors.map((x) => x.message)).toEqual([]);
            resolve(stats.compilation.warnings.map((w) => w.message));
          }),
        );
      };
      expectWarnings(fromText(await build(true)), /\bthe bundle of main\.ts exports/);
      expect(fromText(await build(false))).toEqual([]);
    });
  }
});
