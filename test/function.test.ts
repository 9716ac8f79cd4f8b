import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, repo, run } from './helpers/build.js';

/**
 * "Function" tests in the rollup/plugins sense: each folder under test/programs is a
 * multi-module program bundled by real rollup with the plugin, VIMAGE off and on, and run.
 * Programs that use only vnet0 must print the same in both builds, and match
 * expected.txt; programs that create vnets (expected.on.txt) must print that with VIMAGE
 * on, and fail with VIMAGE off at createVnet.
 */
const programs = path.join(repo, 'test/programs');

for (const name of readdirSync(programs).sort()) {
  const dir = path.join(programs, name);
  const description = readFileSync(path.join(dir, 'description.txt'), 'utf8').trim();
  const usesVnets = existsSync(path.join(dir, 'expected.on.txt'));
  describe(`${name}: ${description}`, () => {
    if (!usesVnets) {
      it('prints the same with VIMAGE off and on, and what the plain program prints', async () => {
        const expected = readFileSync(path.join(dir, 'expected.txt'), 'utf8');
        const [off, on] = await Promise.all([bundle(dir, { vimage: false }), bundle(dir, { vimage: true })]);
        const [outOff, outOn] = await Promise.all([run(off.entry), run(on.entry)]);
        expect(outOff.stderr).toBe('');
        expect(outOn.stderr).toBe('');
        expect(outOff.stdout).toBe(expected);
        expect(outOn.stdout).toBe(outOff.stdout);
      });
    } else {
      for (const asyncContext of ['await', 'hooks'] as const) {
        it(`isolates the vnets with VIMAGE on (asyncContext '${asyncContext}')`, async () => {
          const on = await bundle(dir, { vimage: true, asyncContext, tag: asyncContext });
          const out = await run(on.entry);
          expect(out.stderr).toBe('');
          expect(out.stdout).toBe(readFileSync(path.join(dir, 'expected.on.txt'), 'utf8'));
        });
      }
      it('refuses to create vnets with VIMAGE off, saying so', async () => {
        const off = await bundle(dir, { vimage: false });
        const out = await run(off.entry);
        expect(out.code).not.toBe(0);
        expect(out.stderr).toMatch(/VimageOffError: .*this program was built without VIMAGE/);
      });
    }
  });
}
