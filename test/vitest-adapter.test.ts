import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { outRoot, repo } from './helpers/build.js';

/**
 * vitest with the vite adapter: the suite under test/vitest-isolation (its own config; its files
 * are .spec.ts so this run does not collect them) gives each test a fresh vnet of virtualized
 * stateful modules. It runs as users run it, `npx vitest run --config ...`, in a child process.
 */
it('runs the vitest-isolation suite with the vite adapter: every test passes', async () => {
  const report = path.join(outRoot, 'vitest-isolation.json');
  await rm(report, { force: true });
  const args = ['vitest', 'run', '--config', 'test/vitest-isolation/vitest.config.ts', '--reporter=json', `--outputFile=${report}`];
  const run = await promisify(execFile)('npx', args, { cwd: repo, timeout: 120_000 }).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code?: number; stderr?: string }) => ({ code: e.code ?? 1, stderr: e.stderr ?? '' }),
  );
  expect(run.stderr).not.toMatch(/FAIL|Error:/);
  expect(run.code).toBe(0);
  const result = JSON.parse(await readFile(report, 'utf8')) as { success: boolean; numTotalTests: number; numPassedTests: number; numPendingTests: number };
  expect(result).toMatchObject({ success: true, numTotalTests: 8, numPassedTests: 8, numPendingTests: 0 });
});
