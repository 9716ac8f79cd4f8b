import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createVnet,
  vnets,
  VnetDestroyedError,
  VimageError,
  withVnet,
  __vimage,
} from '../src/index.js';

// One runtime per process: a second copy (another install, or one bundled into a library)
// shares the first one's state; a copy with another ABI refuses to load, naming both.
const dist = path.resolve(fileURLToPath(import.meta.url), '../../dist');
let tmp: string;
const copy = (name: string) => path.join(tmp, name, 'dist/index.js');

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vimage-two-runtimes-'));
  await cp(dist, path.join(tmp, 'second/dist'), { recursive: true });
  await cp(dist, path.join(tmp, 'other-abi/dist'), { recursive: true });
  const state = path.join(tmp, 'other-abi/dist/state.js');
  const text = await readFile(state, 'utf8');
  expect(text).toMatch(/export const ABI = \d+;/);
  await writeFile(state, text.replace(/export const ABI = \d+;/, 'export const ABI = 9999;'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('one runtime per process', () => {
  it('a second installed copy sees the same vnets, slots and errors as the first', async () => {
    const second = await import(pathToFileURL(copy('second')).href);
    const v = createVnet('shared-a');
    expect(second.vnets()).toContain(v);
    expect(second.__vimage).toBe(__vimage);
    const w = second.createVnet('shared-b');
    expect(vnets()).toContain(w);
    expect(withVnet(v, () => second.curvnet())).toBe(v);
    w.destroy();
    let thrown: unknown;
    try {
      second.withVnet(w, () => 0);
    } catch (e) {
      thrown = e;
    }
    // Thrown by the second copy's classes, matched by the first copy's.
    expect(thrown).toBeInstanceOf(VnetDestroyedError);
    expect(thrown).toBeInstanceOf(VimageError);
    expect(thrown instanceof second.VimageOffError).toBe(false);
    v.destroy();
  });

  const node = (code: string, cwd = tmp) =>
    promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], { cwd });

  it('a copy with another ABI fails at load with an error naming both copies', async () => {
    const { stdout } = await node(
      `await import(${JSON.stringify(pathToFileURL(copy('second')).href)});
       try { await import(${JSON.stringify(pathToFileURL(copy('other-abi')).href)}); console.log('loaded'); }
       catch (e) { console.log(e.code + ' | ' + e.message); }`,
    );
    expect(stdout).toMatch(
      /^VIMAGE_RUNTIME_CONFLICT \| two copies of @vimage\/runtime with different ABIs/,
    );
    expect(stdout).toContain(
      `${pathToFileURL(path.join(tmp, 'second/dist/state.js')).href} (ABI 2) first`,
    );
    expect(stdout).toContain(
      `${pathToFileURL(path.join(tmp, 'other-abi/dist/state.js')).href} (ABI 9999)`,
    );
    expect(stdout).toMatch(/npm dedupe/);
  });

  it('the ESM entry and the CommonJS entry (require) are two copies with one state', async () => {
    const manifest = JSON.stringify(path.join(dist, '../package.json'));
    const { stdout } = await node(
      `import { createRequire } from 'node:module';
       const esm = await import('@vimage/runtime');
       const require = createRequire(${manifest});
       const cjs = require('@vimage/runtime');
       const entry = require.resolve('@vimage/runtime');
       console.log(entry.endsWith('dist/index.cjs'), esm.createVnet === cjs.createVnet);
       const a = cjs.createVnet('from-require');
       const b = esm.createVnet('from-import');
       console.log(esm.vnets().includes(a), cjs.vnets().includes(b));
       console.log(esm.vnet0 === cjs.vnet0, esm.__vimage === cjs.__vimage);
       console.log(cjs.withVnet(b, () => esm.curvnet().name));
       console.log(esm.withVnet(a, () => cjs.curvnet().name));
       a.destroy();
       try { esm.withVnet(a, () => 0); }
       catch (e) { console.log(e instanceof cjs.VnetDestroyedError, e.code); }`,
      path.join(dist, '..'),
    ).catch((e) => ({ stdout: String(e.stderr) }));
    expect(stdout.trim().split('\n')).toEqual([
      'true false',
      'true true',
      'true true',
      'from-import',
      'from-require',
      'true VIMAGE_VNET_DESTROYED',
    ]);
  });

  it('a CommonJS program requiring the runtime runs its continuations in their vnet', async () => {
    const code = `const rt = require('@vimage/runtime');
      const v = rt.createVnet('cjs');
      rt.withVnet(v, async () => {
        await null;
        setTimeout(() => console.log(rt.curvnet().name), 1);
      });`;
    const cwd = path.join(dist, '..');
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', code], { cwd });
    expect(stdout).toBe('cjs\n');
  });
});
