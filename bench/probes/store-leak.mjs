// Row 2 method evidence: why each sample runs in a fresh process. The plain (OFF) build's
// tenants, timed before and after a VIMAGE-on build in the same process created a vnet (which
// makes its AsyncLocalStorage for good: on Node 20 that enables promise hooks for every promise
// of the process). Usage: node bench/probes/store-leak.mjs
import { bundles } from '../bundles.mjs';
import { cpuTime, importProgram, median } from '../harness.mjs';

const { tenants } = await bundles();
const off = await importProgram(tenants.off);
const run = () => cpuTime(() => Promise.all(Array.from({ length: 100 }, () => off.tenant(100))));
const sample = async () => {
  for (let i = 0; i < 8; i++) await run();
  const t = [];
  for (let i = 0; i < 10; i++) t.push(await run());
  return median(t);
};
const before = await sample();
(await importProgram(tenants.modes[tenants.default])).createVnet('makes the store');
const after = await sample();
console.log(
  `OFF build: ${before.toFixed(1)} ms cpu per run alone, ${after.toFixed(1)} ms once another bundle's store exists (${(after / before).toFixed(2)}×)`,
);
