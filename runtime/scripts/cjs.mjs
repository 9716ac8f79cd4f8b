// The CommonJS entries (dist/*.cjs), for require() and jest's CommonJS mode, from the same
// sources as the ES module entries that `tsc -b` writes. Both load as one runtime: the state
// lives on globalThis (src/state.ts), whichever entry comes first.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const runtime = path.resolve(fileURLToPath(import.meta.url), '../..');
// state.ts names the copy it was loaded from by import.meta.url, which CommonJS lacks.
// The banner comes first, so it holds the strict-mode directive the output would open with.
const banner =
  "'use strict'; var __vimage_url; try { __vimage_url = " +
  "require('node:url').pathToFileURL(__filename).href; } catch { __vimage_url = __filename; }";

/** The helpers require the entry itself, so that a process holds one copy of its code. */
const entryExternal = {
  name: 'entry-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: './index.cjs', external: true }));
  },
};

for (const [entry, plugins] of [
  ['index', []],
  ['jest', [entryExternal]],
]) {
  await build({
    entryPoints: [path.join(runtime, `src/${entry}.ts`)],
    outfile: path.join(runtime, `dist/${entry}.cjs`),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'es2022',
    sourcemap: true,
    banner: { js: banner },
    define: { 'import.meta.url': '__vimage_url' },
    logLevel: 'warning',
    plugins,
  });
}
