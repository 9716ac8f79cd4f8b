import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import vimage from '@vimage/plugin/vite';
import { outRoot, repo, run } from './helpers/build.js';

/**
 * The function tests of function.test.ts, built by `vite build` instead of rollup: an SSR
 * (library) build to ESM for Node with the runtime external, in both modes, run, and held to
 * the same expected files as the rollup builds.
 */
const programs = path.join(repo, 'test/programs');

async function viteBuild(dir: string, on: boolean): Promise<string> {
  const outDir = path.join(outRoot, `${path.basename(dir)}-vite-${on ? 'on' : 'off'}`);
  await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: [vimage({ vimage: on, root: dir })],
    build: {
      ssr: path.join(dir, 'main.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: true,
      rollupOptions: {
        external: (id) => id === '@vimage/runtime' || id.startsWith('node:'),
        output: { format: 'es', entryFileNames: 'main.mjs', chunkFileNames: '[name]-[hash].mjs' },
        onwarn(warning, warn) {
          if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
        },
      },
    },
  });
  return path.join(outDir, 'main.mjs');
}

/** Every chunk of a build: the plugin ran when the registrations say the mode. */
function chunks(entry: string): string {
  const dir = path.dirname(entry);
  return readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

for (const name of readdirSync(programs).sort()) {
  const dir = path.join(programs, name);
  const usesVnets = existsSync(path.join(dir, 'expected.on.txt'));
  describe(`vite build of ${name}`, () => {
    if (!usesVnets) {
      it('prints expected.txt with VIMAGE off and on', async () => {
        const expected = readFileSync(path.join(dir, 'expected.txt'), 'utf8');
        const [off, on] = await Promise.all([viteBuild(dir, false), viteBuild(dir, true)]);
        const [outOff, outOn] = await Promise.all([run(off), run(on)]);
        expect(chunks(on)).toMatch(/\.register\("[^"]+", true,/);
        expect(chunks(off)).toMatch(/\.register\("[^"]+", false,/);
        expect(outOff.stderr).toBe('');
        expect(outOn.stderr).toBe('');
        expect(outOff.stdout).toBe(expected);
        expect(outOn.stdout).toBe(expected);
      });
    } else {
      it('prints expected.on.txt with VIMAGE on, and refuses to create vnets with VIMAGE off', async () => {
        const [off, on] = await Promise.all([viteBuild(dir, false), viteBuild(dir, true)]);
        const [outOff, outOn] = await Promise.all([run(off), run(on)]);
        expect(chunks(on)).toMatch(/\.register\("[^"]+", true,/);
        expect(outOn.stderr).toBe('');
        expect(outOn.stdout).toBe(readFileSync(path.join(dir, 'expected.on.txt'), 'utf8'));
        expect(outOff.code).not.toBe(0);
        expect(outOff.stderr).toMatch(/VimageOffError: .*this program was built without VIMAGE/);
      });
    }
  });
}
