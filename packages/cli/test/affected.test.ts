import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { copyFixture, fixture, json, removeDir, vimage } from './helpers/run.js';

// Each test starts the CLI (which loads TypeScript and ts-morph) as a child process, some several times.
vi.setConfig({ testTimeout: 180_000 });

const net = fixture('net');

describe('vimage affected', () => {
  it('lists the modules that define, reference (directly, through a barrel, through a namespace) or re-export globals', () => {
    const r = vimage(['affected', net]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').map((l) => l.trimEnd().split(/\s{2,}/))).toEqual([
      ['5 modules affected, of 7 in packages/cli/test/fixtures/net:'],
      ['', 'src/app.ts', 'references', 'src/net/udp.ts#udp_blackhole'],
      [
        '',
        'src/net/index.ts',
        're-exports',
        'src/net/tcp.ts#tcbinfo, src/net/tcp.ts#tcp_sendspace, src/net/udp.ts#udp_blackhole',
      ],
      ['', 'src/net/tcp.ts', 'defines', 'src/net/tcp.ts#tcbinfo, src/net/tcp.ts#tcp_sendspace'],
      [
        '',
        'src/net/udp.ts',
        'defines',
        'src/net/udp.ts#Udp.recvspace, src/net/udp.ts#udp_blackhole',
      ],
      ['', 'src/stats.ts', 'references', 'src/net/tcp.ts#tcbinfo, src/net/tcp.ts#tcp_sendspace'],
      [''],
    ]);
  });

  it('--json: each affected module with what it defines, references and re-exports', () => {
    const doc = json(vimage(['affected', net, '--json']));
    expect(doc.root).toBe(net);
    expect(doc.modulesRead).toBe(7);
    expect(doc.since).toBeNull();
    expect(doc.errors).toEqual([]);
    expect(doc.modules).toHaveLength(5);
    expect(doc.modules[0]).toEqual({
      module: 'src/app.ts',
      file: path.join(net, 'src/app.ts'),
      defines: [],
      references: ['src/net/udp.ts#udp_blackhole'],
      reexports: [],
      symbols: ['src/net/udp.ts#udp_blackhole'],
    });
    expect(doc.modules.find((m: any) => m.module === 'src/stats.ts').references).toEqual([
      'src/net/tcp.ts#tcbinfo',
      'src/net/tcp.ts#tcp_sendspace',
    ]);
    expect(doc.modules.map((m: any) => m.module)).not.toContain('src/main.ts');
    expect(doc.modules.map((m: any) => m.module)).not.toContain('src/util/format.ts');
  });

  it('--check is a CI gate: exit 1 when a module is affected, 0 when none is', () => {
    const r = vimage(['affected', net, '--check']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('vimage affected: 5 modules affected (--check)');
    expect(vimage(['affected', net, '--check', '--json']).status).toBe(1);
    const clean = vimage(['affected', fixture('legacy'), '--check']);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe('no module is affected (4 modules read)\n');
  });
});

describe('vimage affected --since', () => {
  // A repository with the project in a subfolder, its tsconfig extending one at the top.
  let repo: string;
  let project: string;
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=vimage test',
        '-c',
        'user.email=test@example.invalid',
        '-c',
        'commit.gpgsign=false',
        ...args,
      ],
      { cwd: repo, encoding: 'utf8' },
    );
  const edit = (file: string, from: string, to: string) => {
    const p = path.join(project, file);
    const text = fs.readFileSync(p, 'utf8');
    expect(text).toContain(from);
    fs.writeFileSync(p, text.replace(from, to));
  };

  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'vimage-cli-repo-'));
    project = copyFixture('net', path.join(repo, 'net'));
    const config = JSON.parse(fs.readFileSync(path.join(project, 'tsconfig.json'), 'utf8'));
    fs.writeFileSync(
      path.join(repo, 'tsconfig.base.json'),
      JSON.stringify({ compilerOptions: config.compilerOptions }, null, 2),
    );
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify(
        {
          extends: '../tsconfig.base.json',
          compilerOptions: { rootDir: 'src', outDir: 'dist' },
          include: ['src'],
        },
        null,
        2,
      ),
    );
    fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\n');
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'first');
    // One global's initializer changes; another stops being virtualized (its tag goes).
    edit('src/net/tcp.ts', 'VNET_DEFINE(32768)', 'VNET_DEFINE(65536)');
    edit('src/net/udp.ts', '/** @vnet */', '// no longer virtualized');
    git('commit', '-qam', 'second');
  });
  afterAll(() => removeDir(repo));

  it('lists what changed since the revision and only the modules those globals touch (then or now)', () => {
    const r = vimage(['affected', 'net', '--since', 'HEAD~1'], { cwd: repo });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').map((l) => l.trimEnd().split(/\s{2,}/));
    expect(lines[0]![0]).toMatch(/^virtualized globals changed since HEAD~1 \([0-9a-f]{12}\):$/);
    expect(lines.slice(1)).toEqual([
      ['', 'src/net/tcp.ts#tcp_sendspace', 'changed (initializer)'],
      ['', 'src/net/udp.ts#udp_blackhole', 'removed'],
      [''],
      ['5 modules affected, of 7 in net:'],
      ['', 'src/app.ts', 'references', 'src/net/udp.ts#udp_blackhole'],
      [
        '',
        'src/net/index.ts',
        're-exports',
        'src/net/tcp.ts#tcp_sendspace, src/net/udp.ts#udp_blackhole',
      ],
      ['', 'src/net/tcp.ts', 'defines', 'src/net/tcp.ts#tcp_sendspace'],
      ['', 'src/net/udp.ts', 'defines', 'src/net/udp.ts#udp_blackhole'],
      ['', 'src/stats.ts', 'references', 'src/net/tcp.ts#tcp_sendspace'],
      [''],
    ]);
  });

  it('--json reports the revision, each change, and the filtered modules', () => {
    const doc = json(vimage(['affected', project, '--since', 'HEAD~1', '--json']));
    expect(doc.since).toEqual({
      ref: 'HEAD~1',
      commit: git('rev-parse', 'HEAD~1').trim(),
      changed: [
        {
          symbol: 'src/net/tcp.ts#tcp_sendspace',
          module: 'src/net/tcp.ts',
          change: 'changed',
          fields: ['initializer'],
        },
        {
          symbol: 'src/net/udp.ts#udp_blackhole',
          module: 'src/net/udp.ts',
          change: 'removed',
          fields: [],
        },
      ],
    });
    // app.ts referenced udp_blackhole through the barrel at HEAD~1; tcbinfo did not change, so stats.ts is listed for tcp_sendspace only.
    expect(doc.modules.map((m: any) => [m.module, m.symbols])).toEqual([
      ['src/app.ts', ['src/net/udp.ts#udp_blackhole']],
      ['src/net/index.ts', ['src/net/tcp.ts#tcp_sendspace', 'src/net/udp.ts#udp_blackhole']],
      ['src/net/tcp.ts', ['src/net/tcp.ts#tcp_sendspace']],
      ['src/net/udp.ts', ['src/net/udp.ts#udp_blackhole']],
      ['src/stats.ts', ['src/net/tcp.ts#tcp_sendspace']],
    ]);
  });

  it('a global added in the work tree (not committed) counts, and --check fails on it', () => {
    edit(
      'src/util/format.ts',
      'export function banner',
      "import { VNET_DEFINE } from '@vimage/runtime';\nexport let prefix = VNET_DEFINE('[net]');\nexport function banner",
    );
    try {
      const r = vimage(['affected', project, '--since', 'HEAD', '--check', '--json']);
      expect(r.status).toBe(1);
      const doc = json(r);
      expect(doc.since.changed).toEqual([
        {
          symbol: 'src/util/format.ts#prefix',
          module: 'src/util/format.ts',
          change: 'added',
          fields: [],
        },
      ]);
      expect(doc.modules.map((m: any) => m.module)).toEqual(['src/util/format.ts']);
    } finally {
      git('checkout', '--', 'net/src/util/format.ts');
    }
  });

  it('no change since the revision: nothing affected, --check passes', () => {
    const r = vimage(['affected', project, '--since', 'HEAD', '--check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /changed since HEAD \([0-9a-f]{12}\):\n {2}none\n\nno module is affected \(7 modules read\)\n$/,
    );
  });

  it('an unknown revision, or a project outside git, is bad usage (exit 2)', () => {
    const r = vimage(['affected', project, '--since', 'no-such-branch']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: unknown git revision "no-such-branch"');
    expect(r.stderr).toContain('fix: name a commit, branch or tag that exists');
    const outside = copyFixture('net');
    try {
      const o = vimage(['affected', outside, '--since', 'HEAD']);
      expect(o.status).toBe(2);
      expect(o.stderr).toMatch(
        /is not inside a git work tree\n {2}fix: --since compares with a git revision/,
      );
    } finally {
      removeDir(outside);
    }
  });

  it('reads the revision from a temporary git work tree, removed afterwards, also on error', () => {
    const worktrees = () =>
      git('worktree', 'list', '--porcelain')
        .split('\n')
        .filter((l) => l.startsWith('worktree ')).length;
    expect(worktrees()).toBe(1);
    expect(vimage(['affected', project, '--since', 'HEAD~1', '--json']).status).toBe(0);
    expect(worktrees()).toBe(1);
    // A revision whose shared tsconfig is broken: the error names the file as in the repository.
    const base = path.join(repo, 'tsconfig.base.json');
    const good = fs.readFileSync(base, 'utf8');
    fs.writeFileSync(base, '{ "compilerOptions": { "target": "es2022", } ');
    git('commit', '-qam', 'broken tsconfig');
    fs.writeFileSync(base, good);
    try {
      const r = vimage(['affected', project, '--since', 'HEAD', '--json']);
      expect(r.status).toBe(1);
      const { error } = json(r);
      expect(error.code).toBe('VIMAGE_CLI_TSCONFIG');
      expect(error.message).toMatch(/^at HEAD: broken tsconfig: TS\d+: /);
      expect(fs.realpathSync(error.file)).toBe(fs.realpathSync(base));
      expect(error.line).toBe(1);
      expect(worktrees()).toBe(1);
    } finally {
      git('reset', '-q', '--hard', 'HEAD~1');
    }
  });
});

describe('vimage affected through a re-export cycle', () => {
  it('finds an importer that reaches a global through the other side of an export * cycle, whichever module is read first', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimage-cycle-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'a.ts'),
        "import { VNET_DEFINE } from '@vimage/runtime';\nexport * from './b';\nexport let a0 = VNET_DEFINE(1);\n",
      );
      fs.writeFileSync(path.join(dir, 'b.ts'), "export * from './a';\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "import { a0 } from './b';\nconsole.log(a0);\n");
      fs.writeFileSync(path.join(dir, 'main.ts'), "import './a';\nimport './c';\n");
      const doc = json(vimage(['affected', dir, '--json']));
      const byModule = Object.fromEntries(
        doc.modules.map((m: { module: string }) => [m.module, m]),
      );
      expect(Object.keys(byModule).sort()).toEqual(['a.ts', 'b.ts', 'c.ts']);
      expect(JSON.stringify(byModule['c.ts'])).toContain('a.ts#a0');
    } finally {
      removeDir(dir);
    }
  });
});

describe('vimage affected through import()', () => {
  it('lists a module that reaches globals only through the namespace of an import()', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimage-dynamic-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'state.ts'),
        "import { VNET_DEFINE } from '@vimage/runtime';\nexport let count = VNET_DEFINE(0);\n",
      );
      fs.writeFileSync(
        path.join(dir, 'lazy.ts'),
        "export const load = () => import('./state').then((m) => m.count);\n",
      );
      fs.writeFileSync(
        path.join(dir, 'plain.ts'),
        "export const other = () => import('./lazy');\n",
      );
      const doc = json(vimage(['affected', dir, '--json']));
      const byModule = Object.fromEntries(
        doc.modules.map((m: { module: string }) => [m.module, m]),
      );
      expect(Object.keys(byModule).sort()).toEqual(['lazy.ts', 'state.ts']);
      expect(byModule['lazy.ts'].references).toEqual(['state.ts#count']);
    } finally {
      removeDir(dir);
    }
  });
});
