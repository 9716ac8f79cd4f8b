// Bundles a bench source as users ship it: rollup + @vimage/plugin/rollup, TypeScript
// stripped by esbuild after vimage, @vimage/runtime bundled in through node-resolve.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import { transform as esbuild } from 'esbuild';
import { rollup } from 'rollup';
import vimage from '@vimage/plugin/rollup';
import { benchDir, outDir } from './harness.mjs';

export function stripTypes() {
  return {
    name: 'strip-types',
    async transform(code, id) {
      if (!/\.tsx?$/.test(id)) return null;
      const r = await esbuild(code, { loader: 'ts', format: 'esm', sourcemap: true, sourcefile: id, target: 'es2022' });
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
  if (on !== undefined) plugins.push(vimage({ vimage: on, root, ...(asyncContext ? { asyncContext } : {}) }));
  plugins.push(stripTypes(), nodeResolve({ extensions: ['.mjs', '.js', '.ts'] }));
  const build = await rollup({ input: entry, plugins, external: (id) => id.startsWith('node:'), onwarn: () => {} });
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `${name}.mjs`);
  await build.write({ file, format: 'es' });
  await build.close();
  return pathToFileURL(file).href;
}

/** The asyncContext values the installed plugin accepts (it refuses unknown ones when made). */
export function asyncContextModes(candidates = ['hooks', 'await', 'als', 'frame']) {
  return candidates.filter((mode) => {
    try {
      vimage({ vimage: true, asyncContext: mode });
      return true;
    } catch {
      return false;
    }
  });
}
