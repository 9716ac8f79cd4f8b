import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { outRoot, repo } from './build.js';
import type { ProgramHost } from './programs.js';

/**
 * jest as a host of the programs under test/programs: each program, VIMAGE off and on, is a
 * jest project of its own (the transformer's `root` is the program's folder, as in every host)
 * whose one test loads the program's main.ts and records what it prints. One jest run per
 * module format covers every program, so the host costs two jest start-ups, not one per program.
 */
type Mode = 'cjs' | 'esm';
type RunResult = { stdout: string; stderr: string; code: number };

const programs = path.join(repo, 'test/programs');
const jest = path.join(repo, 'node_modules/jest/bin/jest.js');
const runs = new Map<Mode, Promise<string>>();

const CJS_KNOWN = {
  // TypeScript's CommonJS output makes `ns.x = v` on an imported namespace change the export (ESM
  // throws): VIMAGE off the other modules see the write, VIMAGE on their reads go to the vnet.
  reexports: 'CommonJS lets a write through a namespace import change the export',
};

export function jestHost(mode: Mode): ProgramHost {
  const unsupported = (dir: string) =>
    mode === 'cjs' && hasTopLevelAwait(dir)
      ? 'CommonJS has no top-level await (run in the ESM mode)'
      : undefined;
  return {
    title: mode === 'cjs' ? 'jest ' : 'jest-esm ',
    unsupported,
    knownFailures: mode === 'cjs' ? CJS_KNOWN : undefined,
    async build(dir, vimage) {
      if (!runs.has(mode)) runs.set(mode, runAll(mode, unsupported));
      return { entry: `${path.basename(dir)}-${vimage ? 'on' : 'off'}` };
    },
    async run(name) {
      return programOutput(path.join(outRoot, `jest-${mode}`), name, await runs.get(mode)!);
    },
  };
}

/** Writes a project per program and build, runs jest once over all; jest's own output. */
async function runAll(mode: Mode, unsupported: (dir: string) => unknown): Promise<string> {
  const list = [];
  for (const name of readdirSync(programs).sort()) {
    const dir = path.join(programs, name);
    if (unsupported(dir)) continue;
    for (const vimage of [false, true]) {
      const main = path.join(dir, 'main.ts');
      list.push({ name: `${name}-${vimage ? 'on' : 'off'}`, main, options: { vimage, root: dir } });
    }
  }
  return runPrograms(mode, path.join(outRoot, `jest-${mode}`), list);
}

export interface JestProgram {
  /** The project's folder under `base`, where its `out.json` is written. */
  name: string;
  main: string;
  /** @vimage/plugin/jest's options. */
  options: Record<string, unknown>;
}

/**
 * Runs each program's `main` under jest with @vimage/plugin/jest, a project each, in one jest
 * run; what each printed is in `<base>/<name>/out.json`. Returns jest's own output.
 */
export async function runPrograms(mode: Mode, base: string, list: JestProgram[]): Promise<string> {
  await rm(base, { recursive: true, force: true });
  const ext = mode === 'esm' ? 'mjs' : 'cjs';
  const projects = [];
  for (const { name, main, options } of list) {
    const rootDir = path.join(base, name);
    await mkdir(rootDir, { recursive: true });
    const test = harness(mode, main, path.join(rootDir, 'out.json'));
    await writeFile(path.join(rootDir, `program.test.${ext}`), test);
    projects.push({
      displayName: name,
      rootDir,
      testMatch: [`<rootDir>/program.test.${ext}`],
      testEnvironment: 'node',
      transform: { '\\.[cm]?[jt]sx?$': ['@vimage/plugin/jest', options] },
      extensionsToTreatAsEsm: mode === 'esm' ? ['.ts'] : [],
      cacheDirectory: path.join(base, '.cache'),
    });
  }
  const config = path.join(base, 'jest.config.json');
  await writeFile(config, JSON.stringify({ projects }));
  const node = mode === 'esm' ? ['--experimental-vm-modules', '--no-warnings'] : [];
  // In band: the programs are small, and a worker per core costs more than it saves.
  const args = [...node, jest, '--config', config, '--ci', '--runInBand'];
  const done = await promisify(execFile)(process.execPath, args, {
    cwd: base,
    maxBuffer: 1 << 24,
  }).catch((e: { stdout: string; stderr: string }) => e);
  return `${done.stdout}${done.stderr}`;
}

/** What a program run by runPrograms printed, or jest's output when it did not run. */
export async function programOutput(base: string, name: string, log: string): Promise<RunResult> {
  try {
    return JSON.parse(await readFile(path.join(base, name, 'out.json'), 'utf8')) as RunResult;
  } catch {
    return { stdout: '', stderr: `jest did not run the program:\n${log}`, code: 1 };
  }
}

/** One test that loads the program as jest loads a test's imports, console output recorded. */
function harness(mode: Mode, main: string, out: string): string {
  const head =
    mode === 'esm'
      ? "import { format } from 'node:util';\nimport { writeFileSync } from 'node:fs';\n"
      : "const { format } = require('node:util');\nconst { writeFileSync } = require('node:fs');\n";
  const file = JSON.stringify(main);
  const load = mode === 'esm' ? `await import(${file})` : `require(${file})`;
  return `${head}
test('runs the program', async () => {
  const out = { stdout: '', stderr: '', code: 0 };
  const { log, error } = console;
  console.log = (...a) => { out.stdout += format(...a) + '\\n'; };
  console.error = (...a) => { out.stderr += format(...a) + '\\n'; };
  try {
    ${load};
  } catch (e) {
    out.stderr += (e && e.stack ? e.stack : String(e)) + '\\n';
    out.code = 1;
  } finally {
    console.log = log;
    console.error = error;
  }
  writeFileSync(${JSON.stringify(out)}, JSON.stringify(out));
});
`;
}

/** Whether a module of the program awaits outside every function. */
function hasTopLevelAwait(dir: string): boolean {
  const visit = (n: ts.Node): boolean =>
    !ts.isFunctionLike(n) &&
    (ts.isAwaitExpression(n) ||
      (ts.isForOfStatement(n) && !!n.awaitModifier) ||
      !!ts.forEachChild(n, visit));
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .some((f) => {
      const file = path.join(dir, f);
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
      return !!ts.forEachChild(source, visit);
    });
}
