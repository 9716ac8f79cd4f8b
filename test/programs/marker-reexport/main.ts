import { createVnet, withVnet } from '@vimage/runtime';
import { count, inc, inits } from './state';

const a = createVnet('a');
withVnet(a, () => {
  inc();
  inc();
});
inc();
console.log(JSON.stringify({ vnet0: count, a: withVnet(a, () => count), inits: [inits, withVnet(a, () => inits)] }));
