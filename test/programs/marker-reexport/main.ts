import { createVnet, withVnet } from '@vimage/runtime';
import { hit, hits } from './renamed';
import { count, inc, inits } from './state';

const a = createVnet('a');
withVnet(a, () => {
  inc();
  inc();
  hit();
});
inc();
const state = { vnet0: count, a: withVnet(a, () => count), inits: [inits, withVnet(a, () => inits)] };
console.log(JSON.stringify({ ...state, hits: [hits, withVnet(a, () => hits)] }));
