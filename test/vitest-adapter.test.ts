import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { execute, outRoot, repo } from './helpers/build.js';

interface Report {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numPendingTests: number;
  testResults: Array<{
    assertionResults: Array<{ title: string; status: string; failureMessages: string[] }>;
  }>;
}

/** `npx vitest run --config <config>` in a child process, as users run it: its exit code, stderr and JSON report. */
async function runVitest(
  config: string,
): Promise<{ code: number; stderr: string; report: Report }> {
  const report = path.join(outRoot, `${path.basename(config)}.json`);
  await rm(report, { force: true });
  const args = ['vitest', 'run', '--config', config, '--reporter=json', `--outputFile=${report}`];
  const { code, stderr } = await execute('npx', args, { cwd: repo, timeout: 120_000 });
  return { code, stderr, report: JSON.parse(await readFile(report, 'utf8')) as Report };
}

/**
 * vitest with the vite adapter: the suite under test/vitest-isolation (its own config; its files
 * are .spec.ts so this run does not collect them) gives each test a fresh vnet of virtualized
 * stateful modules with `setupFiles: ['@vimage/runtime/vitest']`, module isolation off.
 */
it('runs the vitest-isolation suite with the vite adapter and the vitest helper: every test passes', async () => {
  const run = await runVitest('test/vitest-isolation/vitest.config.ts');
  expect(run.stderr).not.toMatch(/FAIL|Error:/);
  expect(run.code).toBe(0);
  // 12 pass, and one `it.fails` that throws (counted as passed by vitest).
  expect(run.report).toMatchObject({
    success: true,
    numTotalTests: 13,
    numPassedTests: 13,
    numPendingTests: 0,
  });
});

it('the helper without aroundEach (vitest before 4.1): inVnet tests pass, an unwrapped test fails saying why', async () => {
  const run = await runVitest('test/vitest-isolation/vitest.fallback.config.ts');
  expect(run.code).toBe(1);
  const results = run.report.testResults.flatMap((f) => f.assertionResults);
  expect(results.map((r) => [r.title, r.status])).toEqual([
    ['runs a wrapped test in a fresh vnet', 'passed'],
    ['gives the next wrapped test a fresh one as well', 'passed'],
    ['fails a test that is not wrapped, instead of running it in vnet0', 'failed'],
  ]);
  expect(results[2]!.failureMessages.join('\n')).toMatch(
    /ran outside a vnet: .*no aroundEach .*inVnet\(fn\)/,
  );
});
