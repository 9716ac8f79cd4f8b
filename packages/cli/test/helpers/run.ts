import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO = path.resolve(CLI_DIR, '../..');
export const BIN = path.join(CLI_DIR, 'dist/bin.js');
export const FIXTURES = path.join(CLI_DIR, 'test/fixtures');
export const fixture = (name: string): string => path.join(FIXTURES, name);

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node packages/cli/dist/bin.js ...args` as a real child process; no colour variables inherited. */
export function vimage(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Run {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: build first with \`npx tsc -b\``);
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...env, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The one JSON document a `--json` run prints. */
export function json<T = any>(r: Run): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.status}):\n${r.stdout}\n--- stderr ---\n${r.stderr}`);
  }
}

/**
 * A copy of a fixture in a fresh temporary folder (or in `into`, which must not exist yet),
 * with @vimage/runtime linked into its node_modules so tsc and node resolve it there as in a
 * real project.
 */
export function copyFixture(name: string, into?: string): string {
  const dir = into ?? fs.mkdtempSync(path.join(os.tmpdir(), `vimage-cli-${name}-`));
  fs.cpSync(fixture(name), dir, {
    recursive: true,
    filter: (src) => !/[\\/](?:node_modules|dist)$/.test(src),
  });
  fs.mkdirSync(path.join(dir, 'node_modules/@vimage'), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'runtime'), path.join(dir, 'node_modules/@vimage/runtime'), 'dir');
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs a built program and returns what it printed. */
export function runNode(file: string, cwd: string): string {
  const r = spawnSync(process.execPath, [file], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`node ${file} exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}
