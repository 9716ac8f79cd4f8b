// The suite under jest two ways (suites.mjs): jest's default, a module registry per test file,
// and the same with a vnet per test (@vimage/runtime/jest), in alternating order; the median
// wall time of each, their ratio, and whether both passed the same tests.
// node examples/test-isolation/compare-jest.mjs [--runs=N] [--short]
import { compareRounds, printSuites, samePassed } from './suites.mjs';

const keys = ['jest', 'jest-vnet'];
const { results, wall, runs } = await compareRounds(keys, (i) =>
  i % 2 ? [...keys].reverse() : keys,
);
console.log(`\n${results.jest[0].total} tests, median of ${runs} run(s):`);
printSuites(keys, results, wall);
console.log(`  jest-vnet / jest ${(wall('jest-vnet') / wall('jest')).toFixed(2)}`);
const same = samePassed([...results.jest, ...results['jest-vnet']], results.jest[0]);
console.log(`both passed the same tests, none failing: ${same ? 'yes' : 'NO'}`);
process.exitCode = same ? 0 : 1;
