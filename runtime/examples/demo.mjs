// The runtime on its own, driven the way transformed modules drive it: two "jails"
// each get their own copy of a small network stack's globals. Run: npm run demo
import {
  __vimage,
  createVnet,
  curvnet,
  vnet0,
  vnets,
  withVnet,
  VNET_SYSINIT,
  VNET_SYSUNINIT,
} from '@vimage/runtime';

// What the plugin emits for src/net/if.ts:
//   export const ifnet = VNET_DEFINE([]);  export let if_index = VNET_DEFINE(0);
const [$ifnet, $if_index] = __vimage.register(
  'src/net/if.ts',
  true,
  ['ifnet', 'if_index'],
  [],
  'storage',
);
__vimage.define($ifnet, []);
__vimage.define($if_index, 0);
// A function that touches a virtualized global re-reads curvnet at its entry (__vimage.e()).
function if_attach(name) {
  __vimage.e();
  __vimage.c[$ifnet].push(`${name}${__vimage.c[$if_index]++}`);
}
VNET_SYSINIT(() => if_attach('lo'), 10);
VNET_SYSUNINIT(
  () => (
    __vimage.e(), console.log(`  ${curvnet().name}: detaching ${__vimage.c[$ifnet].join(', ')}`)
  ),
);

const jail1 = createVnet('jail1');
const jail2 = createVnet('jail2');
withVnet(jail1, () => if_attach('epair'));
await withVnet(jail2, async () => {
  await new Promise((r) => setTimeout(r, 5));
  if_attach('vtnet'); // still jail2 after the timer
});

for (const v of vnets())
  console.log(`${v.name.padEnd(6)} ifnet = [${v.get('src/net/if.ts#ifnet').join(', ')}]`);
console.log(`vnet0 unchanged: ${JSON.stringify(vnet0.snapshot())}`);
jail1.destroy();
jail2.destroy();
