import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repo, run } from './helpers/build.js';

/**
 * The packages as users get them: every workspace packed with `npm pack`, the tarballs installed
 * with a plain `npm install` into a fresh project outside the repository next to the current
 * majors from the registry (vite 8, TypeScript 7, rollup 4, esbuild, rolldown, webpack, rspack,
 * jest), and the program of test/pack built and run with each adapter. Needs the registry (or
 * npm's cache) and a built repository (`npm run build`).
 */
const execFileP = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const WORKSPACES = ['runtime', 'packages/transform', 'plugin', 'packages/cli'];

/** What the project installs besides the tarballs: the hosts and TypeScript a user has today. */
const TOOLS = {
  vite: '^8.0.0',
  typescript: '^7.0.0',
  rollup: '^4.0.0',
  'rollup-plugin-esbuild': '^6.0.0',
  esbuild: '*',
  rolldown: '^1.0.0',
  webpack: '^5.0.0',
  // ts-loader needs TypeScript's JavaScript API, which TypeScript 7 has no longer.
  'esbuild-loader': '^4.0.0',
  '@rspack/core': '^2.0.0',
  jest: '^30.0.0',
};

/**
 * Each host: its build command (run in the project with VIMAGE=0/1) and the file it writes.
 * A new adapter adds its tools to TOOLS, its config to test/pack, and a row here.
 */
const HOSTS: Array<{ name: string; build: string[]; out: string }> = [
  {
    name: 'rollup',
    build: ['node_modules/rollup/dist/bin/rollup', '-c', '--silent'],
    out: 'dist/rollup/main.mjs',
  },
  {
    name: 'vite',
    build: ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'],
    out: 'dist/vite/main.mjs',
  },
  { name: 'esbuild', build: ['esbuild.mjs'], out: 'dist/esbuild/main.mjs' },
  {
    name: 'rolldown',
    build: ['node_modules/rolldown/bin/cli.mjs', '-c', 'rolldown.config.mjs', '--logLevel=silent'],
    out: 'dist/rolldown/main.mjs',
  },
  { name: 'webpack', build: ['webpack.mjs'], out: 'dist/webpack/main.cjs' },
  { name: 'rspack', build: ['rspack.mjs'], out: 'dist/rspack/main.cjs' },
];

const ISOLATED = 'a=2/x,y b=1/z vnet0=0/\nset: src/net.ts#packets src/net.ts#peers\n';

let tmp: string;
let app: string;
interface Packed {
  name: string;
  files: string[];
  tarball: string;
  manifest: Record<string, unknown>;
}
const packed: Record<string, Packed> = {};

interface Ran {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a command in the project; its output and exit status, never a throw. */
async function exec(file: string, args: string[], env: Record<string, string> = {}): Promise<Ran> {
  const options = {
    cwd: app,
    env: { ...process.env, ...env },
    timeout: 240_000,
    maxBuffer: 2 ** 24,
  };
  try {
    const { stdout, stderr } = await execFileP(file, args, options);
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number };
    const code = typeof err.code === 'number' ? err.code : 1;
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', code };
  }
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vimage-pack-'));
  app = path.join(tmp, 'app');
  const workspaces = WORKSPACES.flatMap((w) => ['-w', w]);
  const args = ['pack', '--json', '--pack-destination', tmp, ...workspaces];
  const { stdout } = await execFileP(npm, args, { cwd: repo, maxBuffer: 1 << 24 });
  const manifests = await Promise.all(
    WORKSPACES.map(async (w) =>
      JSON.parse(await readFile(path.join(repo, w, 'package.json'), 'utf8')),
    ),
  );
  type Entry = { name: string; filename: string; files: Array<{ path: string }> };
  for (const entry of JSON.parse(stdout) as Entry[]) {
    packed[entry.name] = {
      name: entry.name,
      files: entry.files.map((f) => f.path).sort(),
      tarball: path.join(tmp, entry.filename),
      manifest: manifests.find((m) => m.name === entry.name),
    };
  }
  await cp(path.join(repo, 'test/pack'), app, { recursive: true });
  const tarballs = Object.values(packed).map((p) => [p.name, `file:${p.tarball}`]);
  const dependencies = Object.fromEntries(tarballs);
  const devDependencies = TOOLS;
  const manifest = { name: 'app', private: true, type: 'module', dependencies, devDependencies };
  await writeFile(path.join(app, 'package.json'), JSON.stringify(manifest, null, 2));
  const install = await exec(npm, ['install']);
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
}, 300_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the tarballs', () => {
  it('pack every workspace', () => {
    const names = ['@vimage/cli', '@vimage/plugin', '@vimage/runtime', '@vimage/transform'];
    expect(Object.keys(packed).sort()).toEqual(names);
  });

  it('hold the LICENSE their package.json names, and no build leftovers nor tests', () => {
    for (const p of Object.values(packed)) {
      expect(p.manifest.license, p.name).toBe('BSD-2-Clause');
      expect(p.files, p.name).toContain('LICENSE');
      const leftovers = p.files.filter((f) => /tsbuildinfo|(^|\/)test\/|\.test\.|\.spec\./.test(f));
      expect(leftovers, p.name).toEqual([]);
    }
  });

  it('ship every file their exports and bin name, beside them only sources, maps, docs', () => {
    const besides =
      /^(dist\/.*\.(c?js|d\.c?ts|map)|src\/.*\.c?ts|bin\/.*\.js|package\.json|README\.md|LICENSE)$/;
    for (const p of Object.values(packed)) {
      const bin = Object.values((p.manifest.bin ?? {}) as Record<string, string>);
      const named = [...exportTargets(p.manifest.exports), ...bin];
      const targets = named.map((t) => t.replace(/^\.\//, ''));
      for (const t of targets) expect(p.files, `${p.name}: ${t}`).toContain(t);
      const others = p.files.filter((f) => !targets.includes(f));
      expect(
        others.filter((f) => !besides.test(f)),
        p.name,
      ).toEqual([]);
    }
  });
});

describe('installed by a plain npm install beside vite 8, TypeScript 7 and the other hosts', () => {
  it('gives the plugin its own TypeScript 6 while the project has 7', async () => {
    const version = (from: string) =>
      exec(process.execPath, ['-e', `console.log(${from}('typescript/package.json').version)`]);
    const project = await version('require');
    const plugin = "require.resolve('@vimage/plugin/rollup')";
    const own = await version(`require('node:module').createRequire(${plugin})`);
    expect(project.stdout).toMatch(/^7\./);
    expect(own.stdout).toMatch(/^6\./);
  });

  it('type-checks with tsc 7, virtual:vimage/set typed by @vimage/plugin/client', async () => {
    const r = await exec(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  describe.each(HOSTS)('$name', ({ build, out }) => {
    it('builds the program with VIMAGE on: two vnets, each with its own globals', async () => {
      const b = await exec(process.execPath, build, { VIMAGE: '1' });
      expect(b.stderr).toBe('');
      expect(b.code).toBe(0);
      const r = await run(path.join(app, out));
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(ISOLATED);
    });

    it('builds it with VIMAGE off: plain globals, and creating a vnet is refused', async () => {
      const b = await exec(process.execPath, build, { VIMAGE: '0' });
      expect(b.code).toBe(0);
      const r = await run(path.join(app, out));
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/VimageOffError: .*this program was built without VIMAGE/);
    });
  });

  it("meets every host's range in @vimage/plugin's peer dependencies", async () => {
    const peers = packed['@vimage/plugin']!.manifest.peerDependencies as Record<string, string>;
    const r = await exec(npm, ['ls', '--json', ...Object.keys(peers)]);
    const tree = JSON.parse(r.stdout) as {
      problems?: string[];
      dependencies?: Record<string, { version: string; invalid?: string }>;
    };
    expect(tree.problems).toBeUndefined();
    expect(r.code).toBe(0);
    for (const peer of Object.keys(peers)) {
      expect(tree.dependencies?.[peer]?.version, peer).toBeDefined();
      expect(tree.dependencies?.[peer]?.invalid, peer).toBeUndefined();
    }
  });

  describe('jest', () => {
    const jest = ['node_modules/jest/bin/jest.js', '--ci'];

    it('runs the program with VIMAGE on through @vimage/plugin/jest: two vnets', async () => {
      const r = await exec(process.execPath, jest, { VIMAGE: '1' });
      expect(r.code, r.stderr).toBe(0);
      expect(await readFile(path.join(app, 'dist/jest/out.txt'), 'utf8')).toBe(ISOLATED);
    });

    it('with VIMAGE off, creating a vnet is refused', async () => {
      const r = await exec(process.execPath, jest, { VIMAGE: '0' });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/VimageOffError: .*this program was built without VIMAGE/);
    });
  });

  it('runs `vimage set` from @vimage/cli: symbols as vnet.get() takes them', async () => {
    const r = await exec(path.join(app, 'node_modules/.bin/vimage'), ['set', 'src', '--json']);
    expect(r.code).toBe(0);
    const { rows } = JSON.parse(r.stdout) as { rows: Array<{ symbol: string }> };
    expect(rows.map((row) => row.symbol)).toEqual(['src/net.ts#packets', 'src/net.ts#peers']);
  });

  it('refuses `vimage tsc` in the TypeScript 7 project and says what to do', async () => {
    const r = await exec(path.join(app, 'node_modules/.bin/vimage'), ['tsc', '-p', '.']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/TypeScript 7\.\d+\.\d+, whose native compiler has no transformer/);
    expect(r.stderr).toMatch(/stay on TypeScript 6\.x for the tsc route/);
  });
});

function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (!exports || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}
