import { createVnet, withVnet, vnets } from '@vimage/runtime';
const a = createVnet('a');
const b = createVnet('b');
const mod = await withVnet(a, () => import('./plugin'));
for (const v of vnets()) console.log(v.name, withVnet(v, () => mod.ruleset()));
const c = createVnet('c');
console.log('c', withVnet(c, () => mod.ruleset()));
