// Runs the suite three ways (suites.mjs), rotating the order each round so that a shared
// machine's drifting load skews all alike, and reports the median wall time of each, the
// ratios, and whether the vnet run passed exactly the tests the default run passed.
// node examples/test-isolation/compare.mjs [--runs=N] [--short]
import { compareRounds, printSuites, roundOrder, verdict } from './suites.mjs';

const keys = ['default', 'cold', 'vnet', 'floor'];
const { results, wall, runs } = await compareRounds(keys, roundOrder);
const first = results.default[0];
const files = new Set(first.tests.map((t) => t.name.split(' > ')[0])).size;
console.log(`\n${first.total} tests in ${files} files, median of ${runs} run(s):`);
printSuites(keys, results, wall);
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
