import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundle, repo } from './helpers/build.js';

const program = path.join(repo, 'test/continuations');
const driver = path.join(program, 'driver.mjs');
let on: string;
let off: string;

async function drive(entry: string, ...args: string[]) {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [driver, entry, ...args], {
    cwd: program,
    timeout: 60_000,
  });
  return { stdout, stderr };
}

// The tenant library bundled by rollup with the plugin's default options (no asyncContext given).
beforeAll(async () => {
  [on, off] = await Promise.all(
    [bundle(program, { vimage: true }), bundle(program, { vimage: false })].map(
      async (b) => (await b).entry,
    ),
  );
});

describe(`every continuation keeps its vnet with the default options, on Node ${process.versions.node}`, () => {
  it('in vnet0, the VIMAGE-on build prints what the VIMAGE-off build prints, and a function touching no global survives toString() and eval', async () => {
    const [a, b] = await Promise.all([drive(off, 'vnet0'), drive(on, 'vnet0')]);
    expect(a.stderr).toBe('');
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout).toMatch(
      /^\d+ await,await\.after,rejection,rejection\.after,thenable\.then,thenable,/,
    );
    expect(a.stdout).toContain('sumLater revived: 6');
  });

  it('200 vnets, each running a random mix of every kind from a plain file that awaits before calling in: each sees only its own steps', async () => {
    for (const seed of ['1', '2']) {
      const { stdout, stderr } = await drive(on, 'tenants', '200', seed);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^tenants 200, kinds \d+, wrong 0\n/);
      // Code after `await Promise.all(...)` outside every withVnet is in vnet0, and writes vnet0's state.
      expect(stdout).toContain('after Promise.all: vnet0; vnet0 log: outside\n');
    }
  });

  it("the explicit opt-in 'sync-only' gives continuations up, as its name says: the same run leaks", async () => {
    const { entry } = await bundle(program, {
      vimage: true,
      asyncContext: 'sync-only',
      tag: 'sync-only',
    });
    const { stdout } = await drive(entry, 'tenants', '50', '1');
    expect(stdout).toMatch(/^tenants 50, kinds \d+, wrong [1-9]/);
  });

  it("a destroyed vnet's listeners throw only when they touch state, never into another tenant's emit", async () => {
    const { stdout, stderr } = await drive(on, 'destroyed');
    expect(stdout).toContain("b's emit threw: no; b log: b-listener,b-target\n");
    // a's listener ran, touched a's state, and was dropped with a warning naming the error code.
    expect(stdout).toContain('listeners left on bus: 1\n');
    expect(stdout).toContain('warnings: 2 VIMAGE_VNET_DESTROYED\n');
    expect(stdout).toContain('entering a: VIMAGE_VNET_DESTROYED\n');
    expect(stdout).not.toContain('uncaught');
    expect(stderr).toMatch(/a listener registered in vnet "a" ran after the vnet was destroyed/);
  });
});
