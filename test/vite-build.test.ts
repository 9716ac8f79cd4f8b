import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import vimage from '@vimage/plugin/vite';
import { outRoot, repo, run } from './helpers/build.js';
import { vites, type Vite } from './helpers/vites.js';

/**
 * The function tests of function.test.ts, built by `vite build` instead of rollup: an SSR
 * (library) build to ESM for Node with the runtime external, in both modes, run, and held to
 * the same expected files as the rollup builds; with vite 8 (rolldown) and vite 7 (rollup).
 */
const programs = path.join(repo, 'test/programs');

/** `on` undefined: no plugin at all, the program as plain ESM. */
async function viteBuild(vite: Vite, dir: string, on: boolean | undefined): Promise<string> {
  const outDir = path.join(outRoot, `${path.basename(dir)}-vite${vite.major}-${on ?? 'plain'}`);
  await vite.build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: on === undefined ? [] : [vimage({ vimage: on, root: dir })],
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
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

/**
 * Both modes built. Rolldown refuses at build time what ESM forbids at run time (an assignment
 * to an import): where a mode fails, the plain program must fail the same way.
 */
async function buildBoth(vite: Vite, dir: string): Promise<[string, string] | undefined> {
  const [off, on] = await Promise.allSettled([
    viteBuild(vite, dir, false),
    viteBuild(vite, dir, true),
  ]);
  if (off.status === 'fulfilled' && on.status === 'fulfilled') return [off.value, on.value];
  const plain = await viteBuild(vite, dir, undefined).then(
    () => undefined,
    (e: Error) => e,
  );
  const firstLine = (e: Error) => e.message.split('\n').slice(0, 2).join('\n');
  for (const r of [off, on]) {
    if (r.status === 'fulfilled' || !plain) throw r.status === 'rejected' ? r.reason : plain;
    expect(firstLine(r.reason as Error)).toBe(firstLine(plain));
  }
  return undefined;
}

for (const vite of vites) {
  for (const name of readdirSync(programs).sort()) {
    const dir = path.join(programs, name);
    const usesVnets = existsSync(path.join(dir, 'expected.on.txt'));
    describe(`vite ${vite.major} build of ${name}`, () => {
      if (!usesVnets) {
        it('prints expected.txt with VIMAGE off and on (or fails as the plain program does)', async () => {
          // A program whose plain build differs by host (vite 8's bundle has no temporal dead zone)
          // has its own expected.vite<major>.txt; VIMAGE on must still match off.
          const own = path.join(dir, `expected.vite${vite.major}.txt`);
          const expected = readFileSync(
            existsSync(own) ? own : path.join(dir, 'expected.txt'),
            'utf8',
          );
          const built = await buildBoth(vite, dir);
          if (!built) return;
          const [off, on] = built;
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
          const [off, on] = await Promise.all([
            viteBuild(vite, dir, false),
            viteBuild(vite, dir, true),
          ]);
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
}
