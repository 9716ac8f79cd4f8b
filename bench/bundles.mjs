// The bundles rows 1-4 measure. run.mjs builds them once before the rows (VIMAGE_BENCH_PREBUILT);
// a row run on its own builds them itself, so it never measures a stale build.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { outDir } from './harness.mjs';

export const MANIFEST = path.join(outDir, 'bundles.json');

export async function bundles() {
  if (process.env.VIMAGE_BENCH_PREBUILT) return JSON.parse(await readFile(MANIFEST, 'utf8'));
  const { buildAll } = await import('./build.mjs'); // loads rollup and TypeScript
  return buildAll();
}
