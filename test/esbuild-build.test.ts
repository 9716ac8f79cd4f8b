import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import vimage from '@vimage/plugin/esbuild';
import { outRoot, repo, run } from './helpers/build.js';

/**
 * The function programs of test/function.test.ts, bundled by real esbuild with the plugin
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

for (const name of readdirSync(programs).sort()) {
  const dir = path.join(programs, name);
  const description = readFileSync(path.join(dir, 'description.txt'), 'utf8').trim();
  describe(`esbuild ${name}: ${description}`, () => {
    if (!existsSync(path.join(dir, 'expected.on.txt'))) {
      it('prints the same with VIMAGE off and on, and what the plain program prints', async () => {
        const [off, on] = await Promise.all([esbuild(dir, false), esbuild(dir, true)]);
        const [outOff, outOn] = await Promise.all([run(off), run(on)]);
        expect(outOff.stderr).toBe('');
        expect(outOn.stderr).toBe('');
        expect(outOff.stdout).toBe(readFileSync(path.join(dir, 'expected.txt'), 'utf8'));
        expect(outOn.stdout).toBe(outOff.stdout);
      });
    } else {
      it('isolates the vnets with VIMAGE on', async () => {
        const out = await run(await esbuild(dir, true));
        expect(out.stderr).toBe('');
        expect(out.stdout).toBe(readFileSync(path.join(dir, 'expected.on.txt'), 'utf8'));
      });
      it('refuses to create vnets with VIMAGE off, saying so', async () => {
        const out = await run(await esbuild(dir, false));
        expect(out.code).not.toBe(0);
        expect(out.stderr).toMatch(/VimageOffError: .*this program was built without VIMAGE/);
      });
    }
  });
}

it('esbuild puts the module loaded by import() in a chunk of its own (the late chunk is real)', async () => {
  const entry = await esbuild(path.join(programs, 'late-chunk'), true);
  const chunks = readdirSync(path.dirname(entry)).filter((f) => f.endsWith('.js') && f !== 'main.js');
  expect(chunks.some((f) => readFileSync(path.join(path.dirname(entry), f), 'utf8').includes('"plugin.ts"'))).toBe(true);
  expect(readFileSync(entry, 'utf8')).not.toContain('default deny');
});
