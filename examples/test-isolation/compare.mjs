// Runs the two suites over the same tests, as users run them (`npx vitest run --config ...`, a
// child process each), alternating, several times; reports the median wall time of each.
// Full mode does it at two suite sizes (REPEAT repetitions of the "starts fresh" tests), since
// the two ways differ in a fixed cost per run and a cost per test.
// node examples/test-isolation/compare.mjs [--short]
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const short = process.argv.includes('--short');
const runs = short ? 1 : 3;
const repeats = short ? [5] : [5, 50];
const suites = [
  { name: 'each test in a fresh vnet', config: 'vitest.vnet.config.ts' },
  { name: 'vi.resetModules + re-import', config: 'vitest.reset.config.ts' },
];
const tmp = await mkdtemp(path.join(os.tmpdir(), 'vimage-test-isolation-'));

/** One `vitest run`: its wall time, and what its JSON report says. */
async function runSuite(suite, repeat, i) {
  const report = path.join(tmp, `${repeat}-${i}-${suite.config}.json`);
  const args = ['vitest', 'run', '--config', suite.config, '--reporter=json', `--outputFile=${report}`];
  const env = { ...process.env, REPEAT: String(repeat) };
  const started = performance.now();
  const failed = await new Promise((resolve) => execFile('npx', args, { cwd: here, env, timeout: 120_000 }, (error, _out, stderr) => resolve(error && `${error.message}\n${stderr}`)));
  const wallMs = performance.now() - started;
  if (failed) throw new Error(`${suite.config} failed:\n${failed}`);
  const json = JSON.parse(await readFile(report, 'utf8'));
  const inTestsMs = json.testResults.flatMap((f) => f.assertionResults).reduce((n, t) => n + (t.duration ?? 0), 0);
  return { wallMs, inTestsMs, success: json.success, total: json.numTotalTests, passed: json.numPassedTests };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const all = [];
try {
  for (const repeat of repeats) {
    const results = suites.map(() => []);
    for (let i = 0; i < runs; i++) {
      // Alternate which suite goes first, so a machine's drifting load skews both alike.
      for (const s of i % 2 ? [1, 0] : [0, 1]) results[s].push(await runSuite(suites[s], repeat, i));
      console.log(`${results[0][0].total} tests, run ${i + 1}: ${suites.map((s, k) => `${s.name} ${(results[k].at(-1).wallMs / 1000).toFixed(2)} s`).join(', ')}`);
    }
    const rows = suites.map((s, k) => ({
      name: s.name,
      wall: median(results[k].map((r) => r.wallMs)) / 1000,
      inTests: median(results[k].map((r) => r.inTestsMs)) / 1000,
      tests: `${results[k][0].passed}/${results[k][0].total} passed`,
    }));
    console.log(`\nmedian of ${runs} run(s)                 wall time   in tests   tests`);
    for (const r of rows) console.log(`  ${r.name.padEnd(32)} ${r.wall.toFixed(2).padStart(7)} s  ${r.inTests.toFixed(2).padStart(6)} s   ${r.tests}`);
    console.log(`  vnet / resetModules: wall ${(rows[0].wall / rows[1].wall).toFixed(2)}, in tests ${(rows[0].inTests / rows[1].inTests).toFixed(2)}\n`);
    all.push(results.flat());
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}

// Per size, every run of both suites passed, and they ran the same number of tests.
const same = all.every((rs) => rs.every((r) => r.success && r.passed === r.total && r.total === rs[0].total));
console.log(`both suites passed with the same number of tests: ${same ? `yes (${all.map((rs) => rs[0].total).join(' and ')})` : 'NO'}`);
process.exitCode = same ? 0 : 1;
