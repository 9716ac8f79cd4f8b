// Runs the suite three ways (suites.mjs), alternating the order each round so that a shared
// machine's drifting load skews all alike, and reports the median wall time of each, the
// ratios, and whether the vnet run passed exactly the tests the default run passed.
// node examples/test-isolation/compare.mjs [--runs=N] [--short]
import { passedNames, runSuite, short as subset } from './suites.mjs';

const short = process.argv.includes('--short');
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? (short ? 1 : 3));
const opts = short ? subset : {};
const keys = ['default', 'vnet', 'floor'];
const results = { default: [], vnet: [], floor: [] };
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

for (let i = 0; i < runs; i++) {
  const order = keys.map((_, k) => keys[(k + i) % keys.length]);
  for (const key of order) results[key].push(await runSuite(key, opts));
  console.log(`run ${i + 1} (${order.join(', ')}): ${keys.map((k) => `${k} ${(results[k].at(-1).wallMs / 1000).toFixed(2)} s`).join(', ')}`);
}

const first = results.default[0];
console.log(`\n${first.total} tests in ${new Set(first.tests.map((t) => t.name.split(' > ')[0])).size} files, median of ${runs} run(s):`);
for (const key of keys) {
  const r = results[key];
  const passed = r.map((x) => x.passed);
  console.log(`  ${key.padEnd(8)} ${(median(r.map((x) => x.wallMs)) / 1000).toFixed(2).padStart(7)} s   passed ${Math.min(...passed)}/${r[0].total}${r.some((x) => x.failed) ? `, failed ${Math.max(...r.map((x) => x.failed))}` : ''}`);
}
const ratio = (a, b) => (median(results[a].map((x) => x.wallMs)) / median(results[b].map((x) => x.wallMs))).toFixed(2);
console.log(`  vnet / default ${ratio('vnet', 'default')} (target 0.3), vnet / floor ${ratio('vnet', 'floor')} (target 1.2)`);

const want = JSON.stringify(passedNames(first));
const same = [...results.vnet, ...results.default].every((r) => r.failed === 0 && JSON.stringify(passedNames(r)) === want);
const leaked = results.floor.every((r) => r.failed > 0);
console.log(`the vnet run passed exactly the tests the default run passed: ${same ? 'yes' : 'NO'}`);
console.log(`the floor run leaked state between files: ${leaked ? `yes (${results.floor[0].failed} failed)` : 'NO'}`);
process.exitCode = same && leaked ? 0 : 1;
