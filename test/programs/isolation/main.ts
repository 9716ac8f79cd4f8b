import { createVnet, withVnet, vnet0 } from '@vimage/runtime';
import { handle, requests, owner, seen } from './limits';

const tenants = ['a', 'b', 'c', 'd'].map((n) => createVnet(n));
const results = await Promise.all(
  tenants.flatMap((t, i) => Array.from({ length: i + 1 }, (_, k) => withVnet(t, () => handle(`/p${k % 2}`)))),
);
const final = tenants.map((t) => withVnet(t, () => `${owner}=${requests}/${seen.size}`));
console.log(JSON.stringify({ last: results.filter((r, i, all) => all.indexOf(r) === i).length, final, vnet0: [owner, requests, seen.size] }));
console.log(JSON.stringify(tenants.map((t) => t.get('limits.ts#requests'))), JSON.stringify(vnet0.snapshot()));
for (const t of tenants) t.destroy();
