import { createVnet, withVnet } from '@vimage/runtime';
import { api, configure, current, Ids } from './lib/index.js';

const a = createVnet('a');
const b = createVnet('b');
withVnet(a, () => { api.theme = 'dark'; configure({ lang: 'fr' }, { tz: 'CET' }); Ids.take(); Ids.take(); });
withVnet(b, () => { configure({ lang: 'de' }); Ids.take(); });
for (const [name, v] of [['a', a], ['b', b]] as const) console.log(name, withVnet(v, () => `${api.theme} ${current()} next=${Ids.next}`));
console.log('vnet0', `${api.theme} ${current()} next=${Ids.next}`);
