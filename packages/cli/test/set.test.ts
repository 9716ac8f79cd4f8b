import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyFixture, fixture, json, removeDir, vimage } from './helpers/run.js';

// Each test starts the CLI (which loads TypeScript and ts-morph) as a child process, some several times.
vi.setConfig({ testTimeout: 180_000 });

const net = fixture('net');
const REL = 'packages/cli/test/fixtures/net';

describe('vimage set', () => {
  it('prints the linker set as a table with the initializer locations, then the totals', () => {
    const r = vimage(['set', net]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^symbol\s+module\s+slot\s+copy\s+form\s+initializer$/);
    expect(lines.slice(1, 5).map((l) => l.split(/\s+/))).toEqual([
      [
        'src/net/tcp.ts#tcp_sendspace',
        'src/net/tcp.ts',
        '0',
        'primitive',
        'call',
        `${REL}/src/net/tcp.ts:4:40`,
      ],
      [
        'src/net/tcp.ts#tcbinfo',
        'src/net/tcp.ts',
        '1',
        'deep',
        'call',
        `${REL}/src/net/tcp.ts:5:36`,
      ],
      [
        'src/net/udp.ts#udp_blackhole',
        'src/net/udp.ts',
        '2',
        'primitive',
        'tag',
        `${REL}/src/net/udp.ts:4:28`,
      ],
      [
        'src/net/udp.ts#Udp.recvspace',
        'src/net/udp.ts',
        '3',
        'primitive',
        'decorator',
        `${REL}/src/net/udp.ts:7:28`,
      ],
    ]);
    expect(lines.at(-1)).toBe(
      '4 globals in 2 modules; copy: primitive 3, deep 1, shared 0, dynamic 0; form: call 2, tag 1, decorator 1',
    );
  });

  it('--json gives the rows of virtual:vimage/set with file and initializer, and the totals', () => {
    const r = vimage(['set', net, '--json']);
    expect(r.status).toBe(0);
    const doc = json(r);
    expect(doc.root).toBe(net);
    expect(doc.modulesRead).toBe(7);
    expect(doc.errors).toEqual([]);
    expect(doc.rows[0]).toEqual({
      symbol: 'src/net/tcp.ts#tcp_sendspace',
      module: 'src/net/tcp.ts',
      name: 'tcp_sendspace',
      slot: 0,
      copy: 'primitive',
      form: 'call',
      line: 4,
      column: 11,
      file: path.join(net, 'src/net/tcp.ts'),
      initializer: { line: 4, column: 39, text: '32768' },
    });
    expect(doc.rows.map((row: any) => [row.symbol, row.initializer.text])).toEqual([
      ['src/net/tcp.ts#tcp_sendspace', '32768'],
      ['src/net/tcp.ts#tcbinfo', 'new Map<number, string>()'],
      ['src/net/udp.ts#udp_blackhole', 'false'],
      ['src/net/udp.ts#Udp.recvspace', '42080'],
    ]);
    expect(doc.totals).toEqual({
      globals: 4,
      modules: 2,
      copy: { primitive: 3, deep: 1, shared: 0, dynamic: 0 },
      form: { call: 2, tag: 1, decorator: 1 },
    });
  });

  it('reads a folder of sources without a tsconfig: symbols are relative to the project root, as the build names them', () => {
    // The nearest folder upward with a package.json, as a build run there takes its root.
    const doc = json(vimage(['set', path.join(net, 'src'), '--json']));
    expect(doc.root).toBe(net);
    expect(doc.rows.map((row: any) => row.symbol)).toEqual([
      'src/net/tcp.ts#tcp_sendspace',
      'src/net/tcp.ts#tcbinfo',
      'src/net/udp.ts#udp_blackhole',
      'src/net/udp.ts#Udp.recvspace',
    ]);
  });

  it('--root: symbols relative to the folder given', () => {
    const doc = json(
      vimage(['set', path.join(net, 'src'), '--root', path.join(net, 'src'), '--json']),
    );
    expect(doc.root).toBe(path.join(net, 'src'));
    expect(doc.rows.map((row: any) => row.symbol)).toEqual([
      'net/tcp.ts#tcp_sendspace',
      'net/tcp.ts#tcbinfo',
      'net/udp.ts#udp_blackhole',
      'net/udp.ts#Udp.recvspace',
    ]);
  });

  it('accepts the tsconfig file itself', () => {
    expect(json(vimage(['set', path.join(net, 'tsconfig.json'), '--json'])).totals.globals).toBe(4);
  });

  it('a project without virtualized globals has an empty set', () => {
    const r = vimage(['set', fixture('legacy')]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('no virtualized globals');
  });
});

describe('vimage set on a broken project', () => {
  let dir: string | undefined;
  afterEach(() => dir && removeDir(dir));

  it('a tsconfig that is not JSON: exit 1, file:line:column, the fix and a code frame', () => {
    const r = vimage(['set', fixture('broken-tsconfig')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "vimage set: packages/cli/test/fixtures/broken-tsconfig/tsconfig.json:5:3: error: broken tsconfig: TS1005: ',' expected.",
    );
    expect(r.stderr).toContain('fix: correct tsconfig.json here');
    expect(r.stderr).toMatch(/5: {3}"include": \["src"\]\n\s+\^/);
    const doc = json(vimage(['set', fixture('broken-tsconfig'), '--json']));
    expect(doc.error).toMatchObject({
      code: 'VIMAGE_CLI_TSCONFIG',
      line: 5,
      column: 3,
      file: path.join(fixture('broken-tsconfig'), 'tsconfig.json'),
    });
  });

  it('an unknown compiler option: exit 1 with what tsc says about it', () => {
    dir = copyFixture('net');
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      '{\n  "compilerOptions": { "stict": true },\n  "include": ["src"]\n}\n',
    );
    const r = vimage(['set', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /tsconfig\.json:2:24: error: broken tsconfig: TS5025: Unknown compiler option 'stict'\. Did you mean 'strict'\?/,
    );
  });

  it('include that matches nothing: exit 1, says to check files/include', () => {
    dir = copyFixture('net');
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{ "include": ["lib"] }\n');
    const r = vimage(['set', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: no modules in');
    expect(r.stderr).toContain("fix: check the tsconfig's files/include");
  });

  it('a module with a syntax error: exit 1 naming file, line and column; the rest of the set is still printed', () => {
    const r = vimage(['set', fixture('broken-syntax')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('src/good.ts#hits');
    expect(r.stderr).toContain(
      'packages/cli/test/fixtures/broken-syntax/src/bad.ts:4:17: error VIMAGE_SYNTAX syntax error: Expression expected.',
    );
    expect(r.stderr).toContain(
      "packages/cli/test/fixtures/broken-syntax/src/plain.ts:2:26: error VIMAGE_SYNTAX syntax error: ')' expected.",
    );
  });
});

describe('vimage set --virtualize', () => {
  it('lists the globals the virtualize option would make automatic, marked form auto', () => {
    const dir = copyFixture('legacy');
    try {
      const plain = json(vimage(['set', dir, '--json']));
      const auto = json(vimage(['set', dir, '--virtualize', '--json']));
      expect(auto.rows.length).toBeGreaterThan(plain.rows.length);
      const added = auto.rows.filter((r: { form: string }) => r.form === 'auto');
      expect(added.length).toBe(auto.rows.length - plain.rows.length);
      expect(auto.totals.form.auto).toBe(added.length);
      const objects = json(vimage(['set', dir, '--virtualize', '--objects', '--json']));
      expect(objects.rows.length).toBeGreaterThanOrEqual(auto.rows.length);
    } finally {
      removeDir(dir);
    }
  });
});
