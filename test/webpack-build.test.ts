import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import webpack, { type Configuration, type Stats } from 'webpack';
import { describe, expect, it } from 'vitest';
import vimage, { type VimagePluginOptions } from '@vimage/plugin/webpack';
import { outRoot, repo, run } from './helpers/build.js';
import { BAD_MARKER_PROGRAM, LINKER_SET_PROGRAM, LINKER_SET_STDOUT, POSITIONS_PROGRAM, VIRTUALIZE_WARNING_PROGRAM, originalOf, positionInNet, NAMESPACE_VIEW, project, webpackOptions } from './helpers/hosts.js';
import { describePrograms } from './helpers/programs.js';

/**
 * The programs of test/programs (test/helpers/programs.ts) bundled by real webpack 5 with the
 * plugin, ES modules with import() in chunks of their own, TypeScript stripped by ts-loader after
 * vimage's loader: the same expectations as the rollup builds.
 */
// As the README's recipe: ts-loader strips the types after vimage's loader (the type check is tsc's job).
const stripTypes = { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { target: 'es2022', module: 'preserve', sourceMap: true } } };

function pack(dir: string, out: string, on: boolean, extra: Configuration = {}, plugin: VimagePluginOptions = {}): Promise<Stats> {
  const options = webpackOptions(dir, out, stripTypes, vimage({ vimage: on, root: dir, ...plugin }), extra) as Configuration;
  return new Promise((resolve, reject) => webpack(options, (error, stats) => (error || !stats ? reject(error) : resolve(stats))));
}

async function build(dir: string, on: boolean): Promise<{ entry: string; errors?: string[] }> {
  const out = path.join(outRoot, `webpack-${path.basename(dir)}-${on ? 'on' : 'off'}`);
  const stats = await pack(dir, out, on);
  return { entry: path.join(out, 'main.mjs'), ...(stats.hasErrors() && { errors: stats.compilation.errors.map((e) => e.message) }) };
}

describePrograms({ title: 'webpack ', build, knownFailures: { scopes: NAMESPACE_VIEW } });

it('webpack puts the module loaded by import() in a chunk of its own (the late chunk is real)', async () => {
  const { entry } = await build(path.join(repo, 'test/programs/late-chunk'), true);
  const chunks = readdirSync(path.dirname(entry)).filter((f) => f.endsWith('.mjs') && f !== 'main.mjs');
  expect(chunks.some((f) => readFileSync(path.join(path.dirname(entry), f), 'utf8').includes('"plugin.ts"'))).toBe(true);
  expect(readFileSync(entry, 'utf8')).not.toContain('default deny');
});

describe('webpack virtual:vimage/set', () => {
  // devtool 'eval' (webpack's default in development) puts every module in a string literal.
  for (const devtool of [false, 'eval'] as const) {
    it(`lists every global of the build for the first importer, late chunks included (devtool ${devtool})`, async () => {
      const dir = await project(`webpack-linker-set-${devtool}`, LINKER_SET_PROGRAM);
      const stats = await pack(dir, path.join(dir, 'dist'), true, { devtool });
      expect(stats.compilation.errors.map((e) => e.message)).toEqual([]);
      const out = await run(path.join(dir, 'dist/main.mjs'));
      expect(out.stderr).toBe('');
      expect(out.stdout).toBe(LINKER_SET_STDOUT);
    });
  }

  it('lists the modules a persistent cache restores without running the loader', async () => {
    const dir = await project('webpack-linker-set-cache', LINKER_SET_PROGRAM);
    const cache = { type: 'filesystem' as const, cacheDirectory: path.join(dir, '.cache') };
    await pack(dir, path.join(dir, 'dist'), true, { cache });
    // A new compiler and a new plugin: nothing of the first build is in memory.
    const stats = await pack(dir, path.join(dir, 'dist'), true, { cache });
    const modules = stats.toJson({ modules: true }).modules ?? [];
    expect(modules.find((m) => m.name === './a.ts')).toMatchObject({ built: false, cached: true });
    const out = await run(path.join(dir, 'dist/main.mjs'));
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(LINKER_SET_STDOUT);
  });
});

it('webpack reports a bad marker once, with file, line, column, the fix and the code frame', async () => {
  const dir = await project('webpack-bad-marker', BAD_MARKER_PROGRAM);
  const stats = await pack(dir, path.join(dir, 'dist'), true);
  expect(stats.compilation.errors).toHaveLength(1);
  const [error] = stats.compilation.errors as (Error & { error?: { code?: string } })[];
  expect(error!.error?.code).toBe('VIMAGE_MARKER_NOT_MODULE_LEVEL');
  const message = stats.compilation.errors[0]!.message;
  expect(message).toContain(`${path.join(dir, 'net.ts')}:3:11: VNET_DEFINE is used inside a function`);
  expect(message).toContain('\n  fix: move the declaration to the top level of the module');
  expect(message).toContain('\n3:   let x = VNET_DEFINE(1);\n             ^\n');
  // Printed once: the message, not the stack as well.
  expect(stats.toString('errors-only').match(/net\.ts:3:11/g)).toHaveLength(1);
});

it('webpack maps positions in a transformed module back to the original line and column', async () => {
  const dir = await project('webpack-positions', POSITIONS_PROGRAM);
  await pack(dir, path.join(dir, 'dist'), true, { devtool: 'source-map' });
  const main = path.join(dir, 'dist/main.mjs');
  // Printers may change the quotes.
  expect(originalOf(main, /["']the-seventh-line["']/)).toEqual(positionInNet("'the-seventh-line'"));
  expect(originalOf(main, '$vnet_total] += 2')).toEqual(positionInNet('total += 2'));
});

it('webpack reports what defeats isolation in virtualized code as a warning with its location and frame', async () => {
  const dir = await project('webpack-virtualize-warning', VIRTUALIZE_WARNING_PROGRAM);
  const stats = await pack(dir, path.join(dir, 'dist'), true, {}, { virtualize: { include: ['counter.ts'] } });
  expect(stats.compilation.errors.map((e) => e.message)).toEqual([]);
  const warnings = stats.compilation.warnings.map((w) => w.message);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(`${path.join(dir, 'counter.ts')}:3:29: new Function compiles code at run time`);
  expect(warnings[0]).toContain(`3: export const compiled = new Function('return 1');\n${' '.repeat(31)}^`);
  expect((await run(path.join(dir, 'dist/main.mjs'))).stdout).toBe('2\n');
});
