// Builds src/server.ts twice with rollup + @vimage/plugin/rollup: dist/on/server.mjs
// (VIMAGE on: a vnet per tenant) and dist/off/server.mjs (VIMAGE off: plain globals).
// @vimage/runtime is bundled in through node-resolve, as an application ships it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';
import { rollup } from 'rollup';
import vimage from '@vimage/plugin/rollup';

const here = path.dirname(fileURLToPath(import.meta.url));

/** TypeScript stripped by esbuild after vimage; its `define` sets the build mode constant. */
function typescript(on) {
  return {
    name: 'typescript',
    resolveId(source, importer) {
      // `./app.js` in TypeScript sources means ./app.ts.
      if (importer && source.startsWith('.') && source.endsWith('.js'))
        return this.resolve(source.replace(/\.js$/, '.ts'), importer, { skipSelf: true });
      return null;
    },
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const r = await transform(code, {
        loader: 'ts',
        format: 'esm',
        target: 'es2022',
        sourcemap: true,
        sourcefile: id,
        define: { __VIMAGE__: String(on) },
      });
      return { code: r.code, map: r.map };
    },
  };
}

export async function build(on) {
  const bundle = await rollup({
    input: path.join(here, 'src/server.ts'),
    plugins: [vimage({ vimage: on, root: here }), typescript(on), nodeResolve()],
    external: (id) => id.startsWith('node:'),
    onwarn(warning, warn) {
      // Import cycles inside @vimage/runtime itself are not this app's to fix: keep its other warnings.
      if (
        warning.code !== 'CIRCULAR_DEPENDENCY' ||
        !warning.ids?.every((id) => id.includes(`${path.sep}runtime${path.sep}`))
      )
        warn(warning);
    },
  });
  const file = path.join(here, `dist/${on ? 'on' : 'off'}/server.mjs`);
  await bundle.write({ file, format: 'es', sourcemap: true });
  await bundle.close();
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const on of [false, true])
    console.log(`built ${path.relative(process.cwd(), await build(on))}`);
}
