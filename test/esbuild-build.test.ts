import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import vimage from '@vimage/plugin/esbuild';
import { outRoot, repo } from './helpers/build.js';
import { describePrograms } from './helpers/programs.js';

/**
 * The programs of test/programs (test/helpers/programs.ts), bundled by real esbuild with the plugin
 * (ESM, code splitting so that import() makes a late chunk, the runtime external) and run:
 * the same expectations as the rollup builds.
 */
const programs = path.join(repo, 'test/programs');

async function esbuild(dir: string, on: boolean): Promise<string> {
  const outdir = path.join(outRoot, `esbuild-${path.basename(dir)}-${on ? 'on' : 'off'}`);
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { main: path.join(dir, 'main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir,
    sourcemap: true,
    external: ['@vimage/runtime'],
    plugins: [vimage({ vimage: on, root: dir })],
    logLevel: 'silent',
  });
  return path.join(outdir, 'main.js');
}

describePrograms({
  title: 'esbuild ',
  build: async (dir, vimage) => ({ entry: await esbuild(dir, vimage) }),
});

it('esbuild puts the module loaded by import() in a chunk of its own (the late chunk is real)', async () => {
  const entry = await esbuild(path.join(programs, 'late-chunk'), true);
  const chunks = readdirSync(path.dirname(entry)).filter(
    (f) => f.endsWith('.js') && f !== 'main.js',
  );
  expect(
    chunks.some((f) =>
      readFileSync(path.join(path.dirname(entry), f), 'utf8').includes('"plugin.ts"'),
    ),
  ).toBe(true);
  expect(readFileSync(entry, 'utf8')).not.toContain('default deny');
});
