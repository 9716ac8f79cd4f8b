// Builds src/main.ts with rollup and @vimage/plugin/rollup, VIMAGE off and on, with the
// runtime bundled in as an application ships it: dist/off/main.mjs and dist/on/main.mjs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup, VERSION as rollupVersion } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { transform, version as esbuildVersion } from 'esbuild';
import vimage from '@vimage/plugin/rollup';

const here = path.dirname(fileURLToPath(import.meta.url));

/** What builds each side, for the demo to say. */
export const tools =
  `rollup ${rollupVersion} with @vimage/plugin/rollup, then esbuild ${esbuildVersion} strips the ` +
  'types; @vimage/runtime bundled in (@rollup/plugin-node-resolve)';

/** The TypeScript stripping step that follows vimage in a rollup config. */
const typescript = () => ({
  name: 'typescript',
  async transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const out = await transform(code, {
      loader: 'ts',
      sourcemap: true,
      sourcefile: id,
      target: 'es2022',
    });
    return { code: out.code, map: out.map };
  },
});

export async function build(on) {
  const bundle = await rollup({
    input: path.join(here, 'src/main.ts'),
    plugins: [
      vimage({ vimage: on, root: here }),
      nodeResolve({ extensions: ['.ts', '.mjs', '.js'] }),
      typescript(),
    ],
  });
  const file = path.join(here, 'dist', on ? 'on' : 'off', 'main.mjs');
  await bundle.write({ file, format: 'es', sourcemap: true });
  await bundle.close();
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const on of [false, true])
    console.log(`built ${path.relative(process.cwd(), await build(on))}`);
}
