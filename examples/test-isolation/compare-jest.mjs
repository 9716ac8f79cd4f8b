// The suite under jest two ways (suites.mjs): jest's default, a module registry per test file,
// and the same with a vnet per test (@vimage/runtime/jest), in alternating order; the median
// wall time of each, their ratio, and whether both passed the same tests.
// node examples/test-isolation/compare-jest.mjs [--runs=N] [--short]
import { runSuite, short as subset } from './suites.mjs';

const short = process.argv.includes('--short');
const runsArg = process.argv.find((a) => a.startsWith('--runs='))?.slice(7);
const runs = Number(runsArg ?? (short ? 1 : 3));
const keys = ['jest', 'jest-vnet'];
const results = { jest: [], 'jest-vnet': [] };
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const wall = (key) => median(results[key].map((r) => r.wallMs));

for (let i = 0; i < runs; i++) {
  const order = i % 2 ? [...keys].reverse() : keys;
  for (const key of order) results[key].push(await runSuite(key, short ? subset : {}));
  const times = keys.map((k) => `${k} ${seconds(results[k].at(-1).wallMs)}`);
  console.log(`run ${i + 1} (${order.join(', ')}): ${times.join(', ')}`);
}

console.log(`\n${results.jest[0].total} tests, median of ${runs} run(s):`);
for (const key of keys) {
  const r = results[key];
  const failed = Math.max(...r.map((x) => x.failed));
  const passed = `passed ${Math.min(...r.map((x) => x.passed))}/${r[0].total}`;
  console.log(
    `  ${key.padEnd(9)} ${seconds(wall(key)).padStart(9)}   ${passed}${failed ? `, failed ${failed}` : ''}`,
  );
}
console.log(`  jest-vnet / jest ${(wall('jest-vnet') / wall('jest')).toFixed(2)}`);
const names = (run) =>
  JSON.stringify(
    run.tests
      .filter((t) => t.status === 'passed')
      .map((t) => t.name)
      .sort(),
  );
const want = names(results.jest[0]);
const same = [...results.jest, ...results['jest-vnet']].every(
  (r) => r.failed === 0 && names(r) === want,
);
console.log(`both passed the same tests, none failing: ${same ? 'yes' : 'NO'}`);
process.exitCode = same ? 0 : 1;
