import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fixture, json, vimage } from './helpers/run.js';

// Each test starts the CLI (which loads TypeScript and ts-morph) as a child process, some several times.
vi.setConfig({ testTimeout: 180_000 });

const net = fixture('net');

describe('vimage compare', () => {
  it('prints a unified diff per changed module, counts the unchanged ones, then the linker set', () => {
    const r = vimage(['compare', net]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    // Changed modules in path order, each with its two labelled sides.
    const headers = [...out.matchAll(/^--- (\S+) \(VIMAGE off\)\n\+\+\+ \1 \(VIMAGE on\)$/gm)].map(
      (m) => m[1],
    );
    expect(headers).toEqual(['src/app.ts', 'src/net/tcp.ts', 'src/net/udp.ts', 'src/stats.ts']);
    // A definition, an access, and a namespace member access through `import * as tcp`.
    expect(out).toMatch(/^-export let tcp_sendspace = 32768;$/m);
    expect(out).toMatch(
      /^\+export let tcp_sendspace = __vimage\.define\(\$vnet_tcp_sendspace, 32768\);$/m,
    );
    expect(out).toMatch(/^- {2}tcp_sendspace \+= by;$/m);
    expect(out).toMatch(/^\+ {2}__vimage\.c\[\$vnet_tcp_sendspace\] \+= by;$/m);
    // Imported accesses are checked for the temporal dead zone (the definer may not have run yet).
    expect(out).toMatch(
      /^\+ {2}return `sendspace=\$\{__vimage\.c\[tcp\.tcp_sendspace === __vimage \? -1 : \$vnet_tcp_sendspace\]\} tcbs=\$\{__vimage\.c\[tcp\.tcbinfo === __vimage \? -1 : \$vnet_tcbinfo\]\.size\}`;$/m,
    );
    // A global reached through the barrel's `export { udp_blackhole as blackhole }`.
    expect(out).toMatch(
      /^\+ {2}return `\$\{report\(\)\} blackhole=\$\{__vimage\.c\[blackhole === __vimage \? -1 : \$vnet_blackhole\]\}`;$/m,
    );
    // The barrel, main and the plain module are only counted.
    expect(out).not.toMatch(/^--- src\/(main|net\/index|util\/format)\.ts/m);
    expect(out).toContain('4 modules differ between VIMAGE off and on, 3 unchanged\n');
    expect(out).toMatch(
      /linker set:\nsymbol\s+module\s+slot\s+copy\s+form\s+initializer\nsrc\/net\/tcp\.ts#tcp_sendspace\s/,
    );
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '4 globals in 2 modules; copy: primitive 3, deep 1, shared 0, dynamic 0; form: call 2, tag 1, decorator 1',
    );
  });

  it('--side-by-side shows VIMAGE off on the left and on on the right, changed lines marked |', () => {
    const r = vimage(['compare', net, '--side-by-side', '--width', '120']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain(
      `${'src/net/tcp.ts (VIMAGE off)'.padEnd(58)}   src/net/tcp.ts (VIMAGE on)`,
    );
    const grow = lines.find((l) => l.includes('tcp_sendspace += by'))!;
    expect(grow).toMatch(
      /^ +12 {4}tcp_sendspace \+= by; +\| +12 {4}__vimage\.c\[\$vnet_tcp_sendspace\] \+= by;$/,
    );
    expect(grow.indexOf('|')).toBe(59);
    const diffs = lines.slice(
      0,
      lines.findIndex((l) => l.startsWith('4 modules differ')),
    );
    expect(diffs.every((l) => l.length <= 120)).toBe(true);
    expect(r.stdout).toContain('4 modules differ between VIMAGE off and on, 3 unchanged');
  });

  it('--json gives both outputs, the diff, the unchanged count and the linker set', () => {
    const r = vimage(['compare', net, '--json']);
    expect(r.status).toBe(0);
    const doc = json(r);
    expect(doc.root).toBe(net);
    expect(doc.modulesRead).toBe(7);
    expect(doc.unchanged).toBe(3);
    expect(doc.errors).toEqual([]);
    expect(doc.modules.map((m: any) => m.module)).toEqual([
      'src/app.ts',
      'src/net/tcp.ts',
      'src/net/udp.ts',
      'src/stats.ts',
    ]);
    const tcp = doc.modules[1];
    expect(Object.keys(tcp)).toEqual(['module', 'file', 'off', 'on', 'diff']);
    expect(tcp.file).toBe(path.join(net, 'src/net/tcp.ts'));
    expect(tcp.off).toContain('export let tcp_sendspace = 32768;');
    expect(tcp.off).not.toContain('VNET_DEFINE(');
    expect(tcp.on).toContain(
      'export let tcp_sendspace = __vimage.define($vnet_tcp_sendspace, 32768);',
    );
    expect(tcp.diff).toMatch(
      /^--- src\/net\/tcp\.ts \(VIMAGE off\)\n\+\+\+ src\/net\/tcp\.ts \(VIMAGE on\)\n@@ /,
    );
    expect(doc.set.totals.globals).toBe(4);
    expect(doc.set.rows.map((row: any) => row.slot)).toEqual([0, 1, 2, 3]);
  });

  it('a module with a syntax error: exit 1, file:line:column with a code frame; the other modules are still compared', () => {
    const r = vimage(['compare', fixture('broken-syntax')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('--- src/good.ts (VIMAGE off)');
    expect(r.stdout).toContain(
      '1 module differs between VIMAGE off and on, 0 unchanged, 2 modules with errors',
    );
    expect(r.stderr).toContain(
      'packages/cli/test/fixtures/broken-syntax/src/bad.ts:4:17: error VIMAGE_SYNTAX syntax error: Expression expected.\n  fix: correct the syntax here',
    );
    expect(r.stderr).toMatch(/4: {3}return hits \+ ;\n\s+\^/);
    const doc = json(vimage(['compare', fixture('broken-syntax'), '--json']));
    expect(doc.errors).toEqual([
      expect.objectContaining({
        code: 'VIMAGE_SYNTAX',
        file: path.join(fixture('broken-syntax'), 'src/bad.ts'),
        line: 4,
        column: 17,
      }),
      expect.objectContaining({
        code: 'VIMAGE_SYNTAX',
        file: path.join(fixture('broken-syntax'), 'src/plain.ts'),
        line: 2,
        column: 26,
      }),
    ]);
  });

  it('a project with nothing virtualized: an empty linker set; modules that do not touch the runtime are unchanged', () => {
    const r = vimage(['compare', fixture('legacy')]);
    expect(r.status).toBe(0);
    // counter.ts calls VNET_SYSINIT, which VIMAGE on may annotate; the three plain modules stay as they are.
    expect(r.stdout).not.toMatch(/^--- src\/(greeting\.ts|ticks\.js|main\.ts) /m);
    const [, differ, unchanged] =
      /^(\d+) modules? differs? between VIMAGE off and on, (\d+) unchanged$/m.exec(r.stdout)!;
    expect(Number(differ) + Number(unchanged)).toBe(4);
    expect(Number(unchanged)).toBeGreaterThanOrEqual(3);
    expect(r.stdout).toMatch(/linker set:\nno virtualized globals\n$/);
  });
});
