import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createServer, createServerModuleRunner, type ViteDevServer } from 'vite';
import type { ModuleRunner } from 'vite/module-runner';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import vimage from '@vimage/plugin/vite';
import { outRoot, forgetRuntimeState } from './helpers/build.js';

/**
 * Hot updates through the real dev server: state.ts is edited on disk, the watcher event is
 * raised, vite sends the update to its module runner, main.ts accepts it. What live vnets
 * must see is the FreeBSD unload-then-load rule (plugin/README.md): the old version's
 * SYSUNINITs run in every live vnet, the new version's globals start from its initializers
 * in every live vnet, its SYSINITs run once in each, and no slot or handler is duplicated.
 */
const root = path.join(outRoot, 'vite-hmr');

const state = (
  v: number,
) => `import { VNET_DEFINE, VNET_SYSINIT, VNET_SYSUNINIT, curvnet } from '@vimage/runtime';
export const version = ${v};
export let count = VNET_DEFINE(${v * 10});
export const log = VNET_DEFINE<string[]>([]);
VNET_SYSINIT(() => { log.push('v${v} init in ' + curvnet().name); });
VNET_SYSUNINIT(() => { (globalThis as any).__uninits.push('v${v} uninit in ' + curvnet().name); });
export function read() { return { version, count, log: log.join(',') }; }
export function bump() { count++; }
`;

const main = `import { createVnet, vnets, withVnet } from '@vimage/runtime';
import * as state from './state';
import { count } from './state';
let current = state;
if (import.meta.hot) import.meta.hot.accept('./state', (next) => { if (next) current = next as typeof state; });
export const tenants = [createVnet('a'), createVnet('b')];
export const version = () => current.version;
export const bump = () => current.bump();
/** Per live vnet: what the current version reads, and what main's own (never re-run) import reads. */
export const view = () => vnets().map((v) => withVnet(v, () => ({ vnet: v.name, ...current.read(), mainReads: count })));
`;

type Main = {
  tenants: import('@vimage/runtime').Vnet[];
  version(): number;
  bump(): void;
  view(): Array<{ vnet: string; version: number; count: number; log: string; mainReads: number }>;
};
type Runtime = typeof import('@vimage/runtime');

/** Where the fixtures' SYSUNINITs report: a plain array every version and vnet shares. */
const uninits: string[] = [];
(globalThis as { __uninits?: string[] }).__uninits = uninits;

describe('hot updates through the vite dev server (VIMAGE on)', () => {
  let server: ViteDevServer;
  let runner: ModuleRunner;
  let app: Main;
  let rt: Runtime;

  async function edit(v: number): Promise<void> {
    const file = path.join(root, 'state.ts');
    await writeFile(file, state(v));
    // The watcher is vite's no-op one (watch: null), so the test raises the change itself, once.
    server.watcher.emit('change', file);
    await vi.waitFor(() => expect(app.version()).toBe(v), { timeout: 10_000 });
  }

  beforeAll(async () => {
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    await writeFile(path.join(root, 'state.ts'), state(1));
    await writeFile(path.join(root, 'main.ts'), main);
    server = await createServer({
      root,
      configFile: false,
      logLevel: 'silent',
      appType: 'custom',
      server: { middlewareMode: true, watch: null },
      plugins: [vimage({ vimage: true, root })],
    });
    runner = createServerModuleRunner(server.environments.ssr, { hmr: { logger: false } });
    app = (await runner.import('/main.ts')) as Main;
    rt = (await runner.import('@vimage/runtime')) as Runtime;
  });

  afterAll(async () => {
    // One runtime per process: the vnets made here would outlive this server in the next test's.
    forgetRuntimeState();
    await runner?.close();
    await server?.close();
  });

  it('runs the new version in every live vnet, fresh, once, after the old one unloaded', async () => {
    const [a] = app.tenants;
    rt.withVnet(a!, () => app.bump());
    expect(app.view()).toEqual([
      { vnet: 'vnet0', version: 1, count: 10, log: 'v1 init in vnet0', mainReads: 10 },
      { vnet: 'a', version: 1, count: 11, log: 'v1 init in a', mainReads: 11 },
      { vnet: 'b', version: 1, count: 10, log: 'v1 init in b', mainReads: 10 },
    ]);
    const slots = rt.linkerSet().length;

    await edit(2);
    expect(uninits.splice(0)).toEqual(['v1 uninit in vnet0', 'v1 uninit in a', 'v1 uninit in b']);
    // a's bump is gone: every vnet restarts from the new reference copy; main's old slot constant still reaches it.
    expect(app.view()).toEqual([
      { vnet: 'vnet0', version: 2, count: 20, log: 'v2 init in vnet0', mainReads: 20 },
      { vnet: 'a', version: 2, count: 20, log: 'v2 init in a', mainReads: 20 },
      { vnet: 'b', version: 2, count: 20, log: 'v2 init in b', mainReads: 20 },
    ]);
    expect(rt.linkerSet().length).toBe(slots);

    await edit(3);
    expect(uninits.splice(0)).toEqual(['v2 uninit in vnet0', 'v2 uninit in a', 'v2 uninit in b']);
    expect(rt.linkerSet().length).toBe(slots);
    expect(rt.linkerSet().filter((r) => r.symbol === 'state.ts#count')).toHaveLength(1);
  });

  it('gives a vnet made after the updates one SYSINIT and one SYSUNINIT: handlers did not pile up', () => {
    const c = rt.createVnet('c');
    expect(rt.withVnet(c, () => app.view().find((row) => row.vnet === 'c'))).toEqual({
      vnet: 'c',
      version: 3,
      count: 30,
      log: 'v3 init in c',
      mainReads: 30,
    });
    c.destroy();
    expect(uninits.splice(0)).toEqual(['v3 uninit in c']);
  });
});

// The edit marks the global with a VNET_DEFINE call (a runtime import) or with a `/** @vnet */`
// tag alone (no import at all): both must send the importers through the transform again.
for (const form of ['call', 'tag'] as const) {
  describe(`a hot update that makes an imported global virtualized (${form})`, () => {
    const dir = path.join(outRoot, `vite-hmr-exports-${form}`);
    let server: ViteDevServer;
    let runner: ModuleRunner;

    afterAll(async () => {
      forgetRuntimeState();
      await runner?.close();
      await server?.close();
    });

    it('transforms the importers on the update path again, so their reads follow the vnet', async () => {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const marked =
        form === 'call'
          ? `import { VNET_DEFINE } from '@vimage/runtime';\nexport let flag = VNET_DEFINE('start');\n`
          : `/** @vnet */ export let flag = 'start';\n`;
      const flag = (isMarked: boolean) =>
        `${isMarked ? marked : `export let flag = 'start';\n`}export function setFlag(v: string) { flag = v; }\n`;
      await writeFile(path.join(dir, 'flag.ts'), flag(false));
      // reader.ts only reads: vite would otherwise reuse its transform from before the edit.
      await writeFile(
        path.join(dir, 'reader.ts'),
        `import { flag } from './flag';\nexport const readFlag = () => flag;\n`,
      );
      await writeFile(
        path.join(dir, 'main.ts'),
        `import * as reader from './reader';\nimport * as flag from './flag';\nlet r = reader;\nlet f = flag;\n` +
          `if (import.meta.hot) import.meta.hot.accept(['./reader', './flag'], ([nr, nf]) => { if (nr) r = nr as typeof reader; if (nf) f = nf as typeof flag; });\n` +
          `export const read = () => r.readFlag();\nexport const set = (v: string) => f.setFlag(v);\nexport const marked = () => r !== reader;\n`,
      );
      server = await createServer({
        root: dir,
        configFile: false,
        logLevel: 'silent',
        appType: 'custom',
        server: { middlewareMode: true, watch: null },
        plugins: [vimage({ vimage: true, root: dir })],
      });
      runner = createServerModuleRunner(server.environments.ssr, { hmr: { logger: false } });
      const app = (await runner.import('/main.ts')) as {
        read(): string;
        set(v: string): void;
        marked(): boolean;
      };
      const rt = (await runner.import('@vimage/runtime')) as Runtime;
      expect(app.read()).toBe('start');

      await writeFile(path.join(dir, 'flag.ts'), flag(true));
      server.watcher.emit('change', path.join(dir, 'flag.ts'));
      await vi.waitFor(() => expect(app.marked()).toBe(true), { timeout: 10_000 });
      const a = rt.createVnet('a');
      rt.withVnet(a, () => app.set('in a'));
      expect(rt.withVnet(a, () => app.read())).toBe('in a');
      expect(app.read()).toBe('start');
    });
  });
}

describe('server.ssrLoadModule after an edit (no hot context, so no dispose)', () => {
  const dir = path.join(outRoot, 'vite-ssr-load');
  let server: ViteDevServer;

  afterAll(() => server?.close());

  it('unloads the old evaluation when the new one registers: the same rule as a hot update', async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'state.ts'), state(1));
    // The vnets live in a module the edit does not invalidate; main.ts is evaluated again with state.ts.
    await writeFile(
      path.join(dir, 'tenants.ts'),
      `import { createVnet } from '@vimage/runtime';\nexport const tenants = [createVnet('a'), createVnet('b')];\n`,
    );
    await writeFile(
      path.join(dir, 'main.ts'),
      `import { vnets, withVnet } from '@vimage/runtime';\nimport { tenants } from './tenants';\nimport { read } from './state';\n` +
        `export { tenants };\nexport const view = () => vnets().map((v) => withVnet(v, () => ({ vnet: v.name, ...read() })));\n`,
    );
    server = await createServer({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      appType: 'custom',
      server: { middlewareMode: true, watch: null },
      plugins: [vimage({ vimage: true, root: dir })],
    });
    const first = (await server.ssrLoadModule('/main.ts')) as { view: Main['view'] };
    expect(first.view().map((r) => r.log)).toEqual([
      'v1 init in vnet0',
      'v1 init in a',
      'v1 init in b',
    ]);
    const rt = (await server.ssrLoadModule('@vimage/runtime')) as Runtime;
    const slots = rt.linkerSet().length;
    uninits.length = 0;

    await writeFile(path.join(dir, 'state.ts'), state(2));
    server.watcher.emit('change', path.join(dir, 'state.ts'));
    await vi.waitFor(
      async () =>
        expect(
          ((await server.ssrLoadModule('/main.ts')) as { view: Main['view'] }).view()[0]?.version,
        ).toBe(2),
      { timeout: 10_000 },
    );
    const next = (await server.ssrLoadModule('/main.ts')) as { view: Main['view'] };
    expect(uninits).toEqual(['v1 uninit in vnet0', 'v1 uninit in a', 'v1 uninit in b']);
    expect(next.view()).toEqual(
      ['vnet0', 'a', 'b'].map((vnet) => ({
        vnet,
        version: 2,
        count: 20,
        log: `v2 init in ${vnet}`,
      })),
    );
    expect(rt.linkerSet().length).toBe(slots);
  });
});
