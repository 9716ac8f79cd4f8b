import { createVnet, withVnet } from '@vimage/runtime';
// Each setter comes from the module defining its global. Both globals are read through b.ts:
// alpha reaches it from a.ts by b's `export * from './a'`, one side of the a <-> b cycle.
import { setAlpha } from './a';
import { alpha, beta, setBeta } from './b';

const [one, two] = [createVnet('one'), createVnet('two')];
for (const vnet of [one, two]) {
  withVnet(vnet, () => {
    setAlpha(`alpha-${vnet.name}`);
    setBeta(`beta-${vnet.name}`);
  });
}
const reads = [one, two].map((vnet) => withVnet(vnet, () => `${vnet.name}: ${alpha} ${beta}`));
console.log(JSON.stringify({ reads, vnet0: [alpha, beta] }));
for (const vnet of [one, two]) vnet.destroy();
