// Runs the suite three ways (suites.mjs), rotating the order each round so that a shared
// machine's drifting load skews all alike, and reports the median wall time of each, the
// ratios, and whether the vnet run passed exactly the tests the default run passed.
// node examples/test-isolation/compare.mjs [--runs=N] [--short]
import { roundOrder, runSuite, short as subset, verdict } from './suites.mjs';

const short = process.argv.includes('--short');
const runsArg = process.argv.find((a) => a.startsWith('--runs='))?.slice(7);
const runs = Number(runsArg ?? (short ? 1 : 3));
const keys = ['default', 'cold', 'vnet', 'floor'];
const results = { default: [], cold: [], vnet: [], floor: [] };
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const wall = (key) => median(results[key].map((r) => r.wallMs));

for (let i = 0; i < runs; i++) {
  const order = roundOrder(i);
  for (const key of order) results[key].push(await runSuite(key, short ? subset : {}));
  const times = keys.map((k) => `${k} ${seconds(results[k].at(-1).wallMs)}`);
  console.log(`run ${i + 1} (${order.join(', ')}): ${times.join(', ')}`);
}

const first = results.default[0];
const files = new Set(first.tests.map((t) => t.name.split(' > ')[0])).size;
console.log(`\n${first.total} tests in ${files} files, median of ${runs} run(s):`);
for (const key of keys) {
  const r = results[key];
  const failed = Math.max(...r.map((x) => x.failed));
  const passed = `passed ${Math.min(...r.map((x) => x.passed))}/${r[0].total}`;
  const failures = failed ? `, failed ${failed}` : '';
  console.log(`  ${key.padEnd(8)} ${seconds(wall(key)).padStart(9)}   ${passed}${failures}`);
}
const ratio = (a, b) => (wall(a) / wall(b)).toFixed(2);
console.log(
  `  vnet / default ${ratio('vnet', 'default')} (target 0.3), ` +
    `vnet / floor ${ratio('vnet', 'floor')} (target 1.2)`,
);
console.log(
  `  with an empty transform cache: cold / default ${ratio('cold', 'default')}, ` +
    `cold / floor ${ratio('cold', 'floor')}`,
);

const { same, leaked } = verdict(results);
const leaks = leaked ? `yes (${results.floor[0].failed} failed)` : 'NO';
console.log(`the vnet run passed exactly the tests the default run passed: ${same ? 'yes' : 'NO'}`);
console.log(`the floor run leaked state between files: ${leaks}`);
process.exitCode = same && leaked ? 0 : 1;
