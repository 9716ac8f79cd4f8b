import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rspack, type Configuration, type Stats } from '@rspack/core';
import { describe, expect, it } from 'vitest';
import vimage, { type VimagePluginOptions } from '@vimage/plugin/rspack';
import { outRoot, repo, run } from './helpers/build.js';
import { BAD_MARKER_PROGRAM, LINKER_SET_PROGRAM, LINKER_SET_STDOUT, POSITIONS_PROGRAM, VIRTUALIZE_WARNING_PROGRAM, originalOf, positionInNet, NAMESPACE_VIEW, project, webpackOptions } from './helpers/hosts.js';
import { describePrograms } from './helpers/programs.js';

/**
 * The programs of test/programs (test/helpers/programs.ts) bundled by real rspack with the
 * plugin, ES modules with import() in chunks of their own, TypeScript stripped by rspack's own
 * `builtin:swc-loader` after vimage: the same expectations as the rollup builds.
 */
const swc = {
  loader: 'builtin:swc-loader',
  options: { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { decoratorVersion: '2022-03' }, target: 'es2022' } },
};

function pack(dir: string, out: string, on: boolean, extra: Configuration = {}, plugin: VimagePluginOptions = {}): Promise<Stats> {
  const options = webpackOptions(dir, out, swc, vimage({ vimage: on, root: dir, ...plugin }), extra) as Configuration;
  return new Promise((resolve, reject) => rspack(options, (error, stats) => (error || !stats ? reject(error) : resolve(stats))));
}

async function build(dir: string, on: boolean): Promise<{ entry: string; errors?: string[] }> {
  const out = path.join(outRoot, `rspack-${path.basename(dir)}-${on ? 'on' : 'off'}`);
  const stats = await pack(dir, out, on);
  return { entry: path.join(out, 'main.mjs'), ...(stats.hasErrors() && { errors: stats.compilation.errors.map((e) => e.message) }) };
}

describePrograms({ title: 'rspack ', build, knownFailures: { scopes: NAMESPACE_VIEW } });

it('rspack puts the module loaded by import() in a chunk of its own (the late chunk is real)', async () => {
  const { entry } = await build(path.join(repo, 'test/programs/late-chunk'), true);
  const chunks = readdirSync(path.dirname(entry)).filter((f) => f.endsWith('.mjs') && f !== 'main.mjs');
  expect(chunks.some((f) => readFileSync(path.join(path.dirname(entry), f), 'utf8').includes('"plugin.ts"'))).toBe(true);
  expect(readFileSync(entry, 'utf8')).not.toContain('default deny');
});

describe('rspack virtual:vimage/set', () => {
  // Production mode: the chunks are minified after the set is filled.
  for (const mode of ['development', 'production'] as const) {
    it(`lists every global of the build for the first importer, late chunks included (${mode})`, async () => {
      const dir = await project(`rspack-linker-set-${mode}`, LINKER_SET_PROGRAM);
      const stats = await pack(dir, path.join(dir, 'dist'), true, { mode });
      expect(stats.compilation.errors.map((e) => e.message)).toEqual([]);
      const out = await run(path.join(dir, 'dist/main.mjs'));
      expect(out.stderr).toBe('');
      expect(out.stdout).toBe(LINKER_SET_STDOUT);
    });
  }
});

it('rspack reports a bad marker once, with file, line, column, the fix and the code frame', async () => {
  const dir = await project('rspack-bad-marker', BAD_MARKER_PROGRAM);
  const stats = await pack(dir, path.join(dir, 'dist'), true);
  expect(stats.compilation.errors).toHaveLength(1);
  // rspack draws a gutter in front of each line of a loader's message.
  const message = stats.compilation.errors[0]!.message.replace(/^ +│ /gm, '');
  expect(message).toContain(`${path.join(dir, 'net.ts')}:3:11: VNET_DEFINE is used inside a function`);
  expect(message).toContain('\n  fix: move the declaration to the top level of the module');
  expect(message).toContain('\n3:   let x = VNET_DEFINE(1);\n             ^\n');
  // Printed once: the message, not the stack as well.
  expect(stats.toString('errors-only').match(/net\.ts:3:11/g)).toHaveLength(1);
});

it('rspack maps positions in a transformed module back to the original line and column', async () => {
  const dir = await project('rspack-positions', POSITIONS_PROGRAM);
  await pack(dir, path.join(dir, 'dist'), true, { devtool: 'source-map' });
  const main = path.join(dir, 'dist/main.mjs');
  // Printers may change the quotes.
  expect(originalOf(main, /["']the-seventh-line["']/)).toEqual(positionInNet("'the-seventh-line'"));
  expect(originalOf(main, '$vnet_total] += 2')).toEqual(positionInNet('total += 2'));
});

it('rspack reports what defeats isolation in virtualized code as a warning with its location and frame', async () => {
  const dir = await project('rspack-virtualize-warning', VIRTUALIZE_WARNING_PROGRAM);
  const stats = await pack(dir, path.join(dir, 'dist'), true, {}, { virtualize: { include: ['counter.ts'] } });
  expect(stats.compilation.errors.map((e) => e.message)).toEqual([]);
  const warnings = stats.compilation.warnings.map((w) => w.message.replace(/^ +│ /gm, ''));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(`${path.join(dir, 'counter.ts')}:3:29: new Function compiles code at run time`);
  expect(warnings[0]).toContain(`3: export const compiled = new Function('return 1');\n${' '.repeat(31)}^`);
  expect((await run(path.join(dir, 'dist/main.mjs'))).stdout).toBe('2\n');
});
