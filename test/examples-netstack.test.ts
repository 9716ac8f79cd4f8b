import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repo, run } from './helpers/build.js';

const demo = (...args: string[]) =>
  promisify(execFile)(process.execPath, [path.join(repo, 'examples/netstack/demo.mjs'), ...args], {
    maxBuffer: 1 << 24,
  });

/** The main job's example, built as the demo builds it (rollup, runtime bundled), in both modes. */
describe('examples/netstack', () => {
  it('is one shared stack with VIMAGE off and one stack per jail with VIMAGE on', async () => {
    // @ts-expect-error: a plain ESM script without types
    const { build } = (await import('../examples/netstack/build.mjs')) as {
      build(on: boolean): Promise<string>;
    };
    const [off, on] = [await run(await build(false)), await run(await build(true))];
    expect(off.stderr).toBe('');
    expect(on.stderr).toBe('');
    expect(off.stdout).toMatch(/^1 network stack for host, web and db$/m);
    expect(on.stdout).toMatch(/^3 network stacks for host, web and db$/m);
    const stack = (out: string, label: string) =>
      out
        .slice(out.indexOf(`${label} (vnet`))
        .split('\n')
        .slice(0, 6)
        .join('\n');
    // Off: every jail sees every interface and every counter.
    expect(stack(off.stdout, 'web')).toContain('epair0b#5 10.0.0.2 in=3 out=0');
    // On: web sent three packets and received none; db got them, and its pf dropped the telnet one.
    expect(stack(on.stdout, 'web')).toContain(
      'interfaces: lo0#1 127.0.0.1 in=0 out=0, epair0a#2 10.0.0.1 in=0 out=3, em1#3 in=0 out=0',
    );
    expect(stack(on.stdout, 'web')).toContain(
      'tcp:        sendspace=65536 sent=3 received=0 dropped=0',
    );
    expect(stack(on.stdout, 'db')).toContain(
      'pf:         pass all matched 3/3, block port 23 matched 1/3',
    );
    expect(stack(on.stdout, 'db')).toContain(
      'tcp:        sendspace=32768 sent=0 received=2 dropped=1',
    );
    // The host kept its own stack, minus the interface it handed to web (if_vmove).
    expect(stack(on.stdout, 'host')).toContain(
      'interfaces: lo0#1 127.0.0.1 in=0 out=0, em0#2 192.0.2.10 in=0 out=0\n',
    );
    // Destroying a jail runs its SYSUNINIT in its own stack.
    expect(on.stdout).toContain('[web] detaching lo0, epair0a, em1');
  });

  it('demo: each jail off beside on, what changed marked in place, the tools named, no generated code', async () => {
    const { stdout } = await demo();
    expect(stdout).toMatch(
      /both: {7}rollup 4\.\d+\.\d+ with @vimage\/plugin\/rollup, then esbuild 0\.\d+\.\d+ strips/,
    );
    const web = stdout.slice(stdout.indexOf('=== web:'), stdout.indexOf('=== db:'));
    expect(web).toMatch(/VIMAGE off: vnet vnet0 +\| VIMAGE on: vnet web/);
    // web's interfaces: lo0 on both sides; em0 only off, epair0a (moved in, renumbered) only on.
    expect(web).toMatch(
      /^ {2}interfaces {4}lo0#1 127\.0\.0\.1 in=0 out=0 +\| {3}lo0#1 127\.0\.0\.1 in=0 out=0$/m,
    );
    expect(web).toMatch(
      /^ +- em0#2 192\.0\.2\.10 in=0 out=0 +\| \+ epair0a#2 10\.0\.0\.1 in=0 out=3$/m,
    );
    expect(stdout).not.toContain('__vimage');
    expect(stdout).toContain('add --verbose');
  });

  it('demo --verbose: adds the code the plugin wrote for each build', async () => {
    const { stdout } = await demo('--verbose');
    expect(stdout).toContain('vimage compare: the code the plugin wrote for each build');
    // main.ts touches no virtualized global: only the modules that do differ.
    expect(stdout).toContain('+++ src/wire.ts (VIMAGE on)');
    expect(stdout).not.toContain('+++ src/main.ts (VIMAGE on)');
  });
});
