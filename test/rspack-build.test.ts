import path from 'node:path';
import { rspack, type Configuration, type Stats } from '@rspack/core';
import { describe, expect, it } from 'vitest';
import vimage, { type VimagePluginOptions } from '@vimage/plugin/rspack';
import { outRoot, repo, run } from './helpers/build.js';
import * as hosts from './helpers/hosts.js';
import { describePrograms } from './helpers/programs.js';

/**
 * The programs of test/programs (test/helpers/programs.ts) bundled by real rspack with the
 * plugin, ES modules with import() in chunks of their own, TypeScript stripped by rspack's own
 * `builtin:swc-loader` after vimage: the same expectations as the rollup builds.
 */
// As the README's recipe: vimage has removed the `@vnet` decorators by then.
const swc = {
  loader: 'builtin:swc-loader',
  options: { jsc: { parser: { syntax: 'typescript' } } },
};

type Options = VimagePluginOptions;
function pack(
  dir: string,
  out: string,
  on: boolean,
  extra: Configuration = {},
  plugin = {} as Options,
) {
  const made = vimage({ vimage: on, root: dir, ...plugin });
  const options = hosts.webpackOptions(dir, out, swc, made, extra);
  return new Promise<Stats>((resolve, reject) =>
    rspack(options as Configuration, (e, stats) => (e || !stats ? reject(e) : resolve(stats))),
  );
}

/** rspack draws a gutter in front of each line of a loader's message. */
const messageOf = (e: Error) => e.message.replace(/^ +│ /gm, '');

async function build(dir: string, on: boolean): Promise<{ entry: string; errors?: string[] }> {
  const out = path.join(outRoot, `rspack-${path.basename(dir)}-${on ? 'on' : 'off'}`);
  const stats = await pack(dir, out, on);
  const errors = stats.compilation.errors.map(messageOf);
  return { entry: path.join(out, 'main.mjs'), ...(errors.length && { errors }) };
}

describePrograms({ title: 'rspack ', build });

it('rspack puts the module loaded by import() in a chunk of its own', async () => {
  hosts.expectLateChunk((await build(path.join(repo, 'test/programs/late-chunk'), true)).entry);
});

describe('rspack virtual:vimage/set', () => {
  // Production mode: the chunks are minified after the set is filled.
  for (const mode of ['development', 'production'] as const) {
    it(`lists every global for the first importer, late chunks included (${mode})`, async () => {
      const dir = await hosts.project(`rspack-linker-set-${mode}`, hosts.LINKER_SET_PROGRAM);
      const stats = await pack(dir, path.join(dir, 'dist'), true, { mode });
      expect(stats.compilation.errors.map(messageOf)).toEqual([]);
      await hosts.expectLinkerSet(path.join(dir, 'dist/main.mjs'));
    });
  }
});

it('rspack reports a bad marker once, with place, fix and code frame', async () => {
  const dir = await hosts.project('rspack-bad-marker', hosts.BAD_MARKER_PROGRAM);
  const stats = await pack(dir, path.join(dir, 'dist'), true);
  expect(stats.compilation.errors).toHaveLength(1);
  hosts.expectBadMarkerMessage(messageOf(stats.compilation.errors[0]!), dir);
  // Printed once: the message, not the stack as well.
  expect(stats.toString('errors-only').match(/net\.ts:3:11/g)).toHaveLength(1);
});

it('rspack maps a transformed module back to the original lines and columns', async () => {
  const dir = await hosts.project('rspack-positions', hosts.POSITIONS_PROGRAM);
  await pack(dir, path.join(dir, 'dist'), true, { devtool: 'source-map' });
  hosts.expectPositions(path.join(dir, 'dist/main.mjs'));
});

it('rspack warns where virtualized code defeats isolation, with location and frame', async () => {
  const dir = await hosts.project('rspack-virtualize-warning', hosts.VIRTUALIZE_WARNING_PROGRAM);
  const virtualize = { include: ['counter.ts'] };
  const stats = await pack(dir, path.join(dir, 'dist'), true, {}, { virtualize });
  expect(stats.compilation.errors.map(messageOf)).toEqual([]);
  expect(stats.compilation.warnings).toHaveLength(1);
  hosts.expectVirtualizeWarning(messageOf(stats.compilation.warnings[0]!), dir);
  expect((await run(path.join(dir, 'dist/main.mjs'))).stdout).toBe('2\n');
});

it('rspack refuses unknown options when the plugin is made', () => {
  const unknown = /@vimage\/plugin\/rspack: unknown option "vimgae"/;
  expect(() => vimage({ vimgae: true } as never)).toThrow(unknown);
});

it("rspack builds with the README's recipe: CommonJS, the runtime bundled", () =>
  hosts.expectRecipe('rspack', async (context, out) => {
    // The README's configuration, with this program's entry and an output folder.
    const options: Configuration = {
      context,
      entry: './main.ts',
      output: { path: out },
      target: 'node',
      resolve: { extensions: ['.ts', '.js'] },
      module: { rules: [{ test: /\.ts$/, ...swc }] },
      plugins: [vimage({ vimage: true, root: context })],
    };
    const stats = await new Promise<Stats>((resolve, reject) =>
      rspack(options, (error, s) => (error || !s ? reject(error) : resolve(s))),
    );
    return stats.compilation.errors.map((e) => e.message);
  }));

it('rspack watch mode rewrites importers when a global down their imports turns virtualized', async () => {
  await hosts.expectWatchRewrite('rspack-watch', (dir, built) => {
    const plugin = vimage({ vimage: true, root: dir });
    const out = path.join(dir, 'dist');
    const options = hosts.webpackOptions(dir, out, swc, plugin) as Configuration;
    const watch = { aggregateTimeout: 50 };
    return rspack(options).watch(watch, (_, stats) => built(!!stats?.hasErrors()));
  });
});
