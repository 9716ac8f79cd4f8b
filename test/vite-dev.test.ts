import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import vimage from '@vimage/plugin/vite';
import { forgetRuntimeState, repo } from './helpers/build.js';
import { vites, type Vite } from './helpers/vites.js';

/**
 * The function tests through the dev server: each program is loaded by vite's module runner
 * (SSR module loading, modules transformed lazily on request) in this process, in both modes,
 * and must print what the rollup build prints, with vite 8 and vite 7. Each load gets its own runner, so its own
 * instance of the runtime (a workspace package, so vite inlines it rather than externalising);
 * every copy of the runtime in a process shares one state, so each load starts on a fresh one.
 */
const programs = path.join(repo, 'test/programs');

interface DevRun {
  stdout: string;
  error?: Error;
  /** Rows of the runtime's live linker set: slots exist only when the modules were built with VIMAGE. */
  slots: number;
}

async function loadInDevServer(vite: Vite, dir: string, on: boolean): Promise<DevRun> {
  const server = await vite.createServer({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    appType: 'custom',
    server: { middlewareMode: true, watch: null, hmr: false },
    plugins: [vimage({ vimage: on, root: dir })],
  });
  const runner = vite.createServerModuleRunner(server.environments.ssr, { hmr: false });
  const lines: string[] = [];
  const log = vi
    .spyOn(console, 'log')
    .mockImplementation((...args: unknown[]) => void lines.push(format(...args)));
  const runtime = async () =>
    (await runner.import('@vimage/runtime')) as typeof import('@vimage/runtime');
  const slots = async () => (await runtime()).linkerSet().length;
  try {
    await runner.import('/main.ts');
    return { stdout: lines.map((l) => `${l}\n`).join(''), slots: await slots() };
  } catch (error) {
    return { stdout: lines.join('\n'), error: error as Error, slots: await slots() };
  } finally {
    log.mockRestore();
    forgetRuntimeState();
    await runner.close();
    await server.close();
  }
}

afterEach(() => vi.restoreAllMocks());

for (const vite of vites) {
  for (const name of readdirSync(programs).sort()) {
    const dir = path.join(programs, name);
    const usesVnets = existsSync(path.join(dir, 'expected.on.txt'));
    describe(`vite ${vite.major} dev server, ${name}`, () => {
      if (!usesVnets) {
        it('prints expected.txt with VIMAGE off and on', async () => {
          // vite's module runner reads a cycle's uninitialised import as undefined: its own file.
          const own = path.join(dir, 'expected.vite-dev.txt');
          const expected = readFileSync(
            existsSync(own) ? own : path.join(dir, 'expected.txt'),
            'utf8',
          );
          const off = await loadInDevServer(vite, dir, false);
          const on = await loadInDevServer(vite, dir, true);
          expect(off.error).toBeUndefined();
          expect(on.error).toBeUndefined();
          expect(off.stdout).toBe(expected);
          expect(on.stdout).toBe(expected);
          expect(off.slots).toBe(0);
          expect(on.slots).toBeGreaterThan(0);
        });
      } else {
        it('prints expected.on.txt with VIMAGE on, and refuses to create vnets with VIMAGE off', async () => {
          const on = await loadInDevServer(vite, dir, true);
          expect(on.error).toBeUndefined();
          expect(on.stdout).toBe(readFileSync(path.join(dir, 'expected.on.txt'), 'utf8'));
          expect(on.slots).toBeGreaterThan(0);
          const off = await loadInDevServer(vite, dir, false);
          expect(off.error?.name).toBe('VimageOffError');
          expect(off.error?.message).toMatch(/this program was built without VIMAGE/);
        });
      }
    });
  }
}
