// The three ways to run the suite, and one run of a suite as users run it: `npx vitest run
// --config <file>` in a child process, timed from spawn to exit, its JSON report read back.
// compare.mjs and the repository's bench (bench/rows/9-test-isolation.mjs) both use this.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));

export const suites = {
  default: { config: 'vitest.default.config.ts', name: 'per-file isolation (vitest default)' },
  vnet: { config: 'vitest.vnet.config.ts', name: 'isolate: false + a vnet per test' },
  // The same, its transform cache emptied first: a first run, or one after a clean install.
  cold: { config: 'vitest.vnet.config.ts', name: 'the same, transform cache empty', cold: true },
  floor: { config: 'vitest.floor.config.ts', name: 'isolate: false alone (leaks)' },
  // jest: a registry of modules per test file always; the helper adds a vnet per test.
  jest: { runner: 'jest', config: 'jest.default.config.mjs', name: "jest's per-file registry" },
  'jest-vnet': {
    runner: 'jest',
    config: 'jest.vnet.config.mjs',
    name: 'the same, a vnet per test',
  },
};

/** Where the plugin keeps its transform cache for the example (its default folder). */
export const cacheDir = path.join(here, 'node_modules/.cache/vimage');

/**
 * The order of one round: the vnet suite runs with an empty cache and then again, so that each
 * round measures the first run after a change of everything and the runs after it.
 */
export function roundOrder(round) {
  const keys = ['default', 'vnet', 'floor'];
  const order = keys.map((_, k) => keys[(k + round) % keys.length]);
  return order.flatMap((key) => (key === 'vnet' ? ['cold', 'vnet'] : [key]));
}

/** The short subset CI runs: four test files, in one worker so that the floor's files share it. */
export const short = {
  files: ['tests/a00', 'tests/a01', 'tests/a02', 'tests/a03'],
  args: ['--maxWorkers=1'],
};

/**
 * One `vitest run` (or `jest`) of a suite: wall time (ms) and, per test, its full name and status.
 * A run whose tests fail still resolves (the floor is expected to); one that produces no
 * report (a crash, a config error) rejects.
 */
export async function runSuite(key, { files = [], args = [], tag = '' } = {}) {
  const suite = suites[key];
  const report = path.join(os.tmpdir(), `vimage-test-isolation-${process.pid}-${key}${tag}.json`);
  await rm(report, { force: true });
  if (suite.cold) await rm(cacheDir, { recursive: true, force: true });
  // jest's JSON report has the shape vitest's imitates.
  const argv =
    suite.runner === 'jest'
      ? ['jest', '--config', suite.config, '--json', `--outputFile=${report}`]
      : ['vitest', 'run', '--config', suite.config, '--reporter=json', `--outputFile=${report}`];
  argv.push(...args, ...files);
  // As users run it: not with the single libuv thread the repository's bench gives its build rows.
  const { UV_THREADPOOL_SIZE: _, ...env } = process.env;
  const started = performance.now();
  const options = { cwd: here, env, timeout: 600_000, maxBuffer: 64 << 20 };
  const stderr = await new Promise((resolve) => {
    execFile('npx', argv, options, (_e, _o, err) => resolve(err));
  });
  const wallMs = performance.now() - started;
  let out;
  try {
    out = JSON.parse(await readFile(report, 'utf8'));
  } catch {
    throw new Error(`${suite.config}: no report\n${stderr}`);
  } finally {
    await rm(report, { force: true });
  }
  const tests = out.testResults.flatMap((f) =>
    f.assertionResults.map((t) => ({
      name: `${path.basename(f.name)} > ${t.fullName}`,
      status: t.status,
    })),
  );
  const [total, passed, failed] = [out.numTotalTests, out.numPassedTests, out.numFailedTests];
  return { key, wallMs, total, passed, failed, tests };
}

/** Names of the tests that passed, sorted: two runs passed the same tests when these are equal. */
const passedNames = (run) =>
  JSON.stringify(
    run.tests
      .filter((t) => t.status === 'passed')
      .map((t) => t.name)
      .sort(),
  );

/** Whether every run failed none and passed the tests `reference` passed, by name. */
export function samePassed(runs, reference) {
  const want = passedNames(reference);
  return runs.every((r) => r.failed === 0 && passedNames(r) === want);
}

/**
 * Whether runs of the three suites show what the example claims: every vnet and default run
 * passed, and passed the same tests by name (`same`); every floor run failed some (`leaked`).
 */
export function verdict(results) {
  const runs = [...results.vnet, ...(results.cold ?? []), ...results.default];
  return {
    same: samePassed(runs, results.default[0]),
    leaked: results.floor.every((r) => r.failed > 0),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/**
 * What compare.mjs and compare-jest.mjs do with their arguments (`--runs=N`, `--short`): run
 * the suites `orderOf(round)` names, round after round, printing each round's times, then each
 * suite's median wall time and the fewest tests it passed. Returns every run of each suite and
 * the median wall time of one.
 */
export async function compareRounds(keys, orderOf, argv = process.argv) {
  const quick = argv.includes('--short');
  const runsArg = argv.find((a) => a.startsWith('--runs='))?.slice(7);
  const runs = Number(runsArg ?? (quick ? 1 : 3));
  const results = Object.fromEntries(keys.map((k) => [k, []]));
  const wall = (key) => median(results[key].map((r) => r.wallMs));
  for (let i = 0; i < runs; i++) {
    const order = orderOf(i);
    for (const key of order) results[key].push(await runSuite(key, quick ? short : {}));
    const times = keys.map((k) => `${k} ${seconds(results[k].at(-1).wallMs)}`);
    console.log(`run ${i + 1} (${order.join(', ')}): ${times.join(', ')}`);
  }
  return { results, wall, runs };
}

/** One line a suite: its median wall time, and the fewest tests it passed and most it failed. */
export function printSuites(keys, results, wall) {
  const width = Math.max(8, ...keys.map((k) => k.length));
  for (const key of keys) {
    const r = results[key];
    const failed = Math.max(...r.map((x) => x.failed));
    const passed = `passed ${Math.min(...r.map((x) => x.passed))}/${r[0].total}`;
    const failures = failed ? `, failed ${failed}` : '';
    console.log(`  ${key.padEnd(width)} ${seconds(wall(key)).padStart(9)}   ${passed}${failures}`);
  }
}
