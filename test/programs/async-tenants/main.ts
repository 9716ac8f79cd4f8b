import { createVnet, curvnet, withVnet } from '@vimage/runtime';
import { bus, log, tenant } from './stack';

const tenants = Array.from({ length: 6 }, (_, i) => createVnet(`t${i}`));
const sizes = await Promise.all(tenants.map((t, i) => withVnet(t, () => tenant(i))));
console.log('after all:', curvnet().name, 'vnet0 log:', log.length);
tenants.forEach((_, i) => bus.emit(`ping${i}`));
for (const [i, t] of tenants.entries()) {
  const lines = withVnet(t, () => log.slice());

  console.log(t.name, sizes[i], lines.length, lines.every((l) => l.includes(t.name)) ? 'clean' : `leaked: ${JSON.stringify(lines)}`);
}
