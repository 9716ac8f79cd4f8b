import path from 'node:path';
import { type Configuration as RspackConfiguration, rspack } from '@rspack/core';
import webpack, { type Configuration } from 'webpack';
import { describe, expect, it } from 'vitest';
import vimageRspack from '@vimage/plugin/rspack';
import vimageWebpack, { type VimagePluginOptions } from '@vimage/plugin/webpack';
import { outRoot, repo, run } from './helpers/build.js';
import * as hosts from './helpers/hosts.js';
import { describePrograms } from './helpers/programs.js';

/**
 * The programs of test/programs (test/helpers/programs.ts) bundled by real webpack 5 and real
 * rspack with the plugin, ES modules with import() in chunks of their own: the same expectations
 * as the rollup builds. Each host strips TypeScript after vimage as the README's recipe does.
 */

/** What these tests read of webpack's and rspack's stats. */
interface Stats {
  compilation: { errors: Error[]; warnings: Error[] };
  toString(preset: 'errors-only'): string;
  toJson(options: { modules: true }): {
    modules?: { name?: string; built?: boolean; cached?: boolean }[];
  };
  hasErrors(): boolean;
}
type Done = (error: Error | null, stats?: Stats) => void;
interface Watching {
  close(done: () => void): void;
}

interface Host {
  name: 'webpack' | 'rspack';
  plugin: (options: VimagePluginOptions) => object;
  /** The TypeScript step after vimage's loader. */
  ts: object;
  /** Builds once (closing the compiler, which stores a persistent cache). */
  pack(options: object, done: Done): void;
  watch(options: object, done: Done): Watching | undefined;
  /** A loader's message as vimage wrote it. */
  messageOf(error: Error): string;
  /** The builds the linker-set test makes, by title: what each host is known to rewrite. */
  linkerSetBuilds: Record<string, object>;
  /** The host keeps vimage's error (and its code) on the error it reports. */
  keepsError: boolean;
  /** The host has a persistent cache that restores modules without running loaders. */
  persistentCache: boolean;
}

const HOSTS: Host[] = [
  {
    name: 'webpack',
    plugin: vimageWebpack,
    // ts-loader, as the README's recipe (the type check is tsc's job). The repository's
    // tsconfig.json is a solution file: source maps are asked for here, as a project's own
    // tsconfig.json would.
    ts: {
      loader: 'ts-loader',
      options: { transpileOnly: true, compilerOptions: { sourceMap: true } },
    },
    pack: (options, done) => void webpack(options as Configuration, done),
    watch: (options, done) =>
      webpack(options as Configuration).watch({ aggregateTimeout: 50 }, done),
    messageOf: (e) => e.message,
    // devtool 'eval' (webpack's default in development) puts every module in a string literal.
    linkerSetBuilds: { 'devtool false': { devtool: false }, 'devtool eval': { devtool: 'eval' } },
    keepsError: true,
    persistentCache: true,
  },
  {
    name: 'rspack',
    plugin: vimageRspack,
    // rspack's own swc, as the README's recipe: vimage has removed the `@vnet` decorators by then.
    ts: {
      loader: 'builtin:swc-loader',
      options: { jsc: { parser: { syntax: 'typescript' } } },
    },
    pack: (options, done) => void rspack(options as RspackConfiguration, done),
    watch: (options, done) =>
      rspack(options as RspackConfiguration).watch({ aggregateTimeout: 50 }, done),
    // rspack draws a gutter in front of each line of a loader's message.
    messageOf: (e) => e.message.replace(/^ +│ /gm, ''),
    // Production mode: the chunks are minified after the set is filled.
    linkerSetBuilds: {
      development: { mode: 'development' },
      production: { mode: 'production' },
    },
    keepsError: false,
    persistentCache: false,
  },
];

for (const host of HOSTS) {
  const { name } = host;
  function pack(dir: string, out: string, on: boolean, extra = {}, plugin = {}) {
    const made = host.plugin({ vimage: on, root: dir, ...plugin });
    const options = hosts.webpackOptions(dir, out, host.ts, made, extra);
    return new Promise<Stats>((resolve, reject) =>
      host.pack(options, (e, stats) => (e || !stats ? reject(e) : resolve(stats))),
    );
  }

  async function build(dir: string, on: boolean): Promise<{ entry: string; errors?: string[] }> {
    const out = path.join(outRoot, `${name}-${path.basename(dir)}-${on ? 'on' : 'off'}`);
    const stats = await pack(dir, out, on);
    const errors = stats.compilation.errors.map(host.messageOf);
    return { entry: path.join(out, 'main.mjs'), ...(errors.length && { errors }) };
  }

  describePrograms({ title: `${name} `, build });

  it(`${name} puts the module loaded by import() in a chunk of its own`, async () => {
    hosts.expectLateChunk((await build(path.join(repo, 'test/programs/late-chunk'), true)).entry);
  });

  describe(`${name} virtual:vimage/set`, () => {
    for (const [title, extra] of Object.entries(host.linkerSetBuilds)) {
      it(`lists every global for the first importer, late chunks too (${title})`, async () => {
        const slug = title.replace(/ /g, '-');
        const dir = await hosts.project(`${name}-linker-set-${slug}`, hosts.LINKER_SET_PROGRAM);
        const stats = await pack(dir, path.join(dir, 'dist'), true, extra);
        expect(stats.compilation.errors.map(host.messageOf)).toEqual([]);
        await hosts.expectLinkerSet(path.join(dir, 'dist/main.mjs'));
      });
    }

    if (host.persistentCache) {
      it('lists the modules a persistent cache restores without running the loader', async () => {
        const dir = await hosts.project(`${name}-linker-set-cache`, hosts.LINKER_SET_PROGRAM);
        const cache = { type: 'filesystem' as const, cacheDirectory: path.join(dir, '.cache') };
        await pack(dir, path.join(dir, 'dist'), true, { cache });
        // A new compiler and a new plugin: nothing of the first build is in memory.
        const stats = await pack(dir, path.join(dir, 'dist'), true, { cache });
        const modules = stats.toJson({ modules: true }).modules ?? [];
        const a = modules.find((m) => m.name === './a.ts');
        expect(a).toMatchObject({ built: false, cached: true });
        await hosts.expectLinkerSet(path.join(dir, 'dist/main.mjs'));
      });
    }
  });

  it(`${name} reports a bad marker once, with place, fix and code frame`, async () => {
    const dir = await hosts.project(`${name}-bad-marker`, hosts.BAD_MARKER_PROGRAM);
    const stats = await pack(dir, path.join(dir, 'dist'), true);
    const errors = stats.compilation.errors as (Error & { error?: { code?: string } })[];
    expect(errors).toHaveLength(1);
    if (host.keepsError) expect(errors[0]!.error?.code).toBe('VIMAGE_MARKER_NOT_MODULE_LEVEL');
    hosts.expectBadMarkerMessage(host.messageOf(errors[0]!), dir);
    // Printed once: the message, not the stack as well.
    expect(stats.toString('errors-only').match(/net\.ts:3:11/g)).toHaveLength(1);
  });

  it(`${name} maps a transformed module back to the original lines and columns`, async () => {
    const dir = await hosts.project(`${name}-positions`, hosts.POSITIONS_PROGRAM);
    await pack(dir, path.join(dir, 'dist'), true, { devtool: 'source-map' });
    hosts.expectPositions(path.join(dir, 'dist/main.mjs'));
  });

  it(`${name} warns where virtualized code defeats isolation, with location and frame`, async () => {
    const program = hosts.VIRTUALIZE_WARNING_PROGRAM;
    const dir = await hosts.project(`${name}-virtualize-warning`, program);
    const virtualize = { include: ['counter.ts'] };
    const stats = await pack(dir, path.join(dir, 'dist'), true, {}, { virtualize });
    expect(stats.compilation.errors.map(host.messageOf)).toEqual([]);
    expect(stats.compilation.warnings).toHaveLength(1);
    hosts.expectVirtualizeWarning(host.messageOf(stats.compilation.warnings[0]!), dir);
    expect((await run(path.join(dir, 'dist/main.mjs'))).stdout).toBe('2\n');
  });

  it(`${name} refuses unknown options when the plugin is made`, () => {
    const unknown = new RegExp(`@vimage/plugin/${name}: unknown option "vimgae"`);
    expect(() => host.plugin({ vimgae: true } as never)).toThrow(unknown);
  });

  it(`${name} builds with the README's recipe: CommonJS, the runtime bundled`, () =>
    hosts.expectRecipe(name, async (context, out) => {
      // The README's configuration, with this program's entry and an output folder.
      const options = {
        context,
        entry: './main.ts',
        output: { path: out },
        target: 'node',
        resolve: { extensions: ['.ts', '.js'] },
        module: { rules: [{ test: /\.ts$/, ...host.ts }] },
        plugins: [host.plugin({ vimage: true, root: context })],
      };
      const stats = await new Promise<Stats>((resolve, reject) =>
        host.pack(options, (error, s) => (error || !s ? reject(error) : resolve(s))),
      );
      return stats.compilation.errors.map((e) => e.message);
    }));

  it(`${name} watch mode rewrites importers when a global down their imports turns virtualized`, async () => {
    await hosts.expectWatchRewrite(`${name}-watch`, (dir, built) => {
      const plugin = host.plugin({ vimage: true, root: dir });
      const options = hosts.webpackOptions(dir, path.join(dir, 'dist'), host.ts, plugin);
      return host.watch(options, (_, stats) => built(!!stats?.hasErrors()));
    });
  });
}
