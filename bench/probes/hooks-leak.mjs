// Row 2 method evidence: why each sample runs in a fresh process. The plain (OFF) build's
// tenants, timed before and after an 'hooks' build in the same process created a vnet (which
// enables its async hook for good). Usage: node bench/probes/hooks-leak.mjs
import { bundles } from '../bundles.mjs';
import { cpuTime, median } from '../harness.mjs';

const { tenants } = await bundles();
const off = await import(tenants.off);
const run = () => cpuTime(() => Promise.all(Array.from({ length: 100 }, () => off.tenant(100))));
const sample = async () => {
  for (let i = 0; i < 8; i++) await run();
  const t = [];
  for (let i = 0; i < 10; i++) t.push(await run());
  return median(t);
};
const before = await sample();
if (tenants.modes.hooks) (await import(tenants.modes.hooks)).createVnet('enables the hook');
const after = await sample();
console.log(`OFF build: ${before.toFixed(1)} ms cpu per run alone, ${after.toFixed(1)} ms once another bundle's async hook is on (${(after / before).toFixed(2)}×)`);
