// Bundles a bench source as users ship it: rollup + @vimage/plugin/rollup, TypeScript
// stripped by esbuild after vimage, @vimage/runtime bundled in through node-resolve.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import { transform as esbuild } from 'esbuild';
import { rollup } from 'rollup';
import vimage from '@vimage/plugin/rollup';
import { globals } from './gen/globals.mjs';
import { MANIFEST } from './bundles.mjs';
import { benchDir, outDir, quick } from './harness.mjs';

export function stripTypes() {
  return {
    name: 'strip-types',
    async transform(code, id) {
      if (!/\.tsx?$/.test(id)) return null;
      const r = await esbuild(code, {
        loader: 'ts',
        format: 'esm',
        sourcemap: true,
        sourcefile: id,
        target: 'es2022',
      });
      return { code: r.code, map: r.map };
    },
  };
}

/**
 * `opts.vimage`: true / false builds with the plugin in that mode; undefined builds without
 * the plugin at all. Returns the output file's URL, ready for import().
 */
export async function bundle(entry, name, opts = {}) {
  const { vimage: on, asyncContext, root = benchDir } = opts;
  const plugins = [];
  if (on !== undefined)
    plugins.push(vimage({ vimage: on, root, ...(asyncContext ? { asyncContext } : {}) }));
  plugins.push(stripTypes(), nodeResolve({ extensions: ['.mjs', '.js', '.ts'] }));
  const build = await rollup({
    input: entry,
    plugins,
    external: (id) => id.startsWith('node:'),
    onwarn: () => {},
  });
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `${name}.mjs`);
  await build.write({ file, format: 'es' });
  await build.close();
  return pathToFileURL(file).href;
}

/**
 * The asyncContext values the installed plugin accepts (it refuses unknown ones when made) that
 * keep a vnet across awaits: 'sync-only' gives that up, so row 2's isolation check fails by design.
 */
export function asyncContextModes(candidates = ['storage']) {
  return candidates.filter((mode) => {
    try {
      vimage({ vimage: true, asyncContext: mode });
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Every bundle rows 1-4 import, built in one process (rollup and TypeScript load once), with
 * a manifest of their URLs and of the asyncContext modes the plugin accepts.
 */
export async function buildAll() {
  const src = (f) => path.join(benchDir, 'src', f);
  const m = { hot: {}, tenants: { modes: {} }, globals: {} };
  m.hot.on = await bundle(src('hot.ts'), 'hot-on', { vimage: true });
  m.hot.off = await bundle(src('hot.ts'), 'hot-off', { vimage: false });
  m.hot.als = await bundle(src('hot-als.ts'), 'hot-als');
  m.hot.map = await bundle(src('hot-map.ts'), 'hot-map');
  m.tenants.off = await bundle(src('tenants.ts'), 'tenants-off', { vimage: false });
  for (const mode of asyncContextModes())
    m.tenants.modes[mode] = await bundle(src('tenants.ts'), `tenants-${mode}`, {
      vimage: true,
      asyncContext: mode,
    });
  // The default mode is the one whose output equals a build that leaves the option out.
  const text = (url) => readFile(new URL(url), 'utf8');
  const dflt = await text(await bundle(src('tenants.ts'), 'tenants-default', { vimage: true }));
  for (const [mode, url] of Object.entries(m.tenants.modes))
    if ((await text(url)) === dflt) m.tenants.default = mode;
  for (const n of quick ? [1000] : [1000, 10000]) {
    const g = await globals(n);
    m.globals[n] = {
      on: await bundle(g.marked, `globals-${n}-on`, { vimage: true, root: path.dirname(g.marked) }),
      plainUrl: g.plainUrl,
      script: g.script,
    };
  }
  await writeFile(MANIFEST, JSON.stringify(m));
  return m;
}
