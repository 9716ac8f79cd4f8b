import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo, run as runNode } from './build.js';

type AsyncContext = 'storage' | 'sync-only';
type RunResult = { stdout: string; stderr: string; code: number };

/** One host (rollup, esbuild, tsc, ...) building the programs under test/programs. */
export interface ProgramHost {
  /** Put before each program's name in the describe title, e.g. 'esbuild '. */
  title: string;
  /** Builds `<dir>/main.ts`: what to run, and the build's error messages when the host reports any. */
  build(
    dir: string,
    vimage: boolean,
    asyncContext?: AsyncContext,
  ): Promise<{ entry: string; errors?: string[] }>;
  /** How to run the entry; default `node --enable-source-maps`. */
  run?: (entry: string) => Promise<RunResult>;
  /** The asyncContext modes vnet isolation is checked in, each a test; default the host's default. */
  asyncContexts?: readonly AsyncContext[];
  /**
   * Programs known to print differently with this host, and why: their test expects the
   * failure, so a fix shows.
   */
  knownFailures?: Record<string, string>;
  /** Why the host cannot run a program at all (jest's CommonJS mode: top-level await), or undefined. */
  unsupported?: (dir: string) => string | undefined;
}

/**
 * "Function" tests in the rollup/plugins sense, for one host: each folder under test/programs
 * is a multi-module program built VIMAGE off and on, and run. Programs that use only vnet0
 * must print the same in both builds, and match expected.txt; programs that create vnets
 * (expected.on.txt) must print that with VIMAGE on, and fail with VIMAGE off at createVnet.
 */
export function describePrograms(host: ProgramHost): void {
  const programs = path.join(repo, 'test/programs');
  const run = host.run ?? runNode;
  for (const name of readdirSync(programs).sort()) {
    const dir = path.join(programs, name);
    const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
    describe(`${host.title}${name}: ${read('description.txt').trim()}`, () => {
      const unsupported = host.unsupported?.(dir);
      if (unsupported) return void it.skip(`not run: ${unsupported}`, () => {});
      const known = host.knownFailures?.[name];
      if (!existsSync(path.join(dir, 'expected.on.txt'))) {
        const test = known ? it.fails : it;
        const title = 'prints the same with VIMAGE off and on, and what the plain program prints';
        test(`${title}${known ? ` (known failure: ${known})` : ''}`, async () => {
          const [off, on] = await Promise.all([host.build(dir, false), host.build(dir, true)]);
          expect(on.errors).toEqual(off.errors);
          const [outOff, outOn] = await Promise.all([run(off.entry), run(on.entry)]);
          expect(outOff.stderr).toBe('');
          expect(outOn.stderr).toBe('');
          // A host whose plain build differs (esbuild's bundles turn top-level let into var, so
          // no temporal dead zone) has its own expected.<host>.txt; VIMAGE on must still match off.
          const own = `expected.${host.title.trim()}.txt`;
          expect(outOff.stdout).toBe(
            read(host.title.trim() && existsSync(path.join(dir, own)) ? own : 'expected.txt'),
          );
          expect(outOn.stdout).toBe(outOff.stdout);
        });
      } else {
        for (const asyncContext of host.asyncContexts ?? [undefined]) {
          it(`isolates the vnets with VIMAGE on${asyncContext ? ` (asyncContext '${asyncContext}')` : ''}`, async () => {
            const on = await host.build(dir, true, asyncContext);
            if (on.errors) expect(on.errors).toEqual([]);
            const out = await run(on.entry);
            expect(out.stderr).toBe('');
            expect(out.stdout).toBe(read('expected.on.txt'));
          });
        }
        it('refuses to create vnets with VIMAGE off, saying so', async () => {
          const out = await run((await host.build(dir, false)).entry);
          expect(out.code).not.toBe(0);
          expect(out.stderr).toMatch(/VimageOffError: .*this program was built without VIMAGE/);
        });
      }
    });
  }
}
