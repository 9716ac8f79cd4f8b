import path from 'node:path';
import webpack, { type Configuration, type Stats } from 'webpack';
import { describe, expect, it } from 'vitest';
import vimage, { type VimagePluginOptions } from '@vimage/plugin/webpack';
import { outRoot, repo, run } from './helpers/build.js';
import * as hosts from './helpers/hosts.js';
import { describePrograms } from './helpers/programs.js';

/**
 * The programs of test/programs (test/helpers/programs.ts) bundled by real webpack 5 with the
 * plugin, ES modules with import() in chunks of their own, TypeScript stripped by ts-loader
 * after vimage's loader (as the README's recipe): the same expectations as the rollup builds.
 */
// As the README's recipe (the type check is tsc's job). The repository's tsconfig.json is a
// solution file: source maps are asked for here, as a project's own tsconfig.json would.
const tsLoader = {
  loader: 'ts-loader',
  options: { transpileOnly: true, compilerOptions: { sourceMap: true } },
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
  const options = hosts.webpackOptions(dir, out, tsLoader, made, extra);
  return new Promise<Stats>((resolve, reject) =>
    webpack(options as Configuration, (e, stats) => (e || !stats ? reject(e) : resolve(stats))),
  );
}

async function build(dir: string, on: boolean): Promise<{ entry: string; errors?: string[] }> {
  const out = path.join(outRoot, `webpack-${path.basename(dir)}-${on ? 'on' : 'off'}`);
  const stats = await pack(dir, out, on);
  const errors = stats.compilation.errors.map((e) => e.message);
  return { entry: path.join(out, 'main.mjs'), ...(errors.length && { errors }) };
}

describePrograms({ title: 'webpack ', build });

it('webpack puts the module loaded by import() in a chunk of its own', async () => {
  hosts.expectLateChunk((await build(path.join(repo, 'test/programs/late-chunk'), true)).entry);
});

describe('webpack virtual:vimage/set', () => {
  // devtool 'eval' (webpack's default in development) puts every module in a string literal.
  for (const devtool of [false, 'eval'] as const) {
    it(`lists every global for the first importer, late chunks too (devtool ${devtool})`, async () => {
      const dir = await hosts.project(`webpack-linker-set-${devtool}`, hosts.LINKER_SET_PROGRAM);
      const stats = await pack(dir, path.join(dir, 'dist'), true, { devtool });
      expect(stats.compilation.errors.map((e) => e.message)).toEqual([]);
      await hosts.expectLinkerSet(path.join(dir, 'dist/main.mjs'));
    });
  }

  it('lists the modules a persistent cache restores without running the loader', async () => {
    const dir = await hosts.project('webpack-linker-set-cache', hosts.LINKER_SET_PROGRAM);
    const cache = { type: 'filesystem' as const, cacheDirectory: path.join(dir, '.cache') };
    await pack(dir, path.join(dir, 'dist'), true, { cache });
    // A new compiler and a new plugin: nothing of the first build is in memory.
    const stats = await pack(dir, path.join(dir, 'dist'), true, { cache });
    const modules = stats.toJson({ modules: true }).modules ?? [];
    expect(modules.find((m) => m.name === './a.ts')).toMatchObject({ built: false, cached: true });
    await hosts.expectLinkerSet(path.join(dir, 'dist/main.mjs'));
  });
});

it('webpack reports a bad marker once, with place, fix and code frame', async () => {
  const dir = await hosts.project('webpack-bad-marker', hosts.BAD_MARKER_PROGRAM);
  const stats = await pack(dir, path.join(dir, 'dist'), true);
  const errors = stats.compilation.errors as (Error & { error?: { code?: string } })[];
  expect(errors).toHaveLength(1);
  expect(errors[0]!.error?.code).toBe('VIMAGE_MARKER_NOT_MODULE_LEVEL');
  hosts.expectBadMarkerMessage(errors[0]!.message, dir);
  // Printed once: the message, not the stack as well.
  expect(stats.toString('errors-only').match(/net\.ts:3:11/g)).toHaveLength(1);
});

it('webpack maps a transformed module back to the original lines and columns', async () => {
  const dir = await hosts.project('webpack-positions', hosts.POSITIONS_PROGRAM);
  await pack(dir, path.join(dir, 'dist'), true, { devtool: 'source-map' });
  hosts.expectPositions(path.join(dir, 'dist/main.mjs'));
});

it('webpack warns where virtualized code defeats isolation, with location and frame', async () => {
  const dir = await hosts.project('webpack-virtualize-warning', hosts.VIRTUALIZE_WARNING_PROGRAM);
  const virtualize = { include: ['counter.ts'] };
  const stats = await pack(dir, path.join(dir, 'dist'), true, {}, { virtualize });
  expect(stats.compilation.errors.map((e) => e.message)).toEqual([]);
  expect(stats.compilation.warnings).toHaveLength(1);
  hosts.expectVirtualizeWarning(stats.compilation.warnings[0]!.message, dir);
  expect((await run(path.join(dir, 'dist/main.mjs'))).stdout).toBe('2\n');
});

it('webpack refuses unknown options when the plugin is made', () => {
  const unknown = /@vimage\/plugin\/webpack: unknown option "vimgae"/;
  expect(() => vimage({ vimgae: true } as never)).toThrow(unknown);
});

it("webpack builds with the README's recipe: CommonJS, the runtime bundled", () =>
  hosts.expectRecipe('webpack', async (context, out) => {
    // The README's configuration, with this program's entry and an output folder.
    const options: Configuration = {
      context,
      entry: './main.ts',
      output: { path: out },
      target: 'node',
      resolve: { extensions: ['.ts', '.js'] },
      module: { rules: [{ test: /\.ts$/, ...tsLoader }] },
      plugins: [vimage({ vimage: true, root: context })],
    };
    const stats = await new Promise<Stats>((resolve, reject) =>
      webpack(options, (error, s) => (error || !s ? reject(error) : resolve(s))),
    );
    return stats.compilation.errors.map((e) => e.message);
  }));

it('webpack watch mode rewrites importers when a global down their imports turns virtualized', async () => {
  await hosts.expectWatchRewrite('webpack-watch', (dir, built) => {
    const plugin = vimage({ vimage: true, root: dir });
    const out = path.join(dir, 'dist');
    const options = hosts.webpackOptions(dir, out, tsLoader, plugin) as Configuration;
    const watch = { aggregateTimeout: 50 };
    return webpack(options).watch(watch, (_, stats) => built(!!stats?.hasErrors()));
  });
});
