import { VNET_DEFINE, VNET_SYSINIT, VNET_SYSUNINIT, curvnet } from '@vimage/runtime';
export const rules = VNET_DEFINE<string[]>([]);
VNET_SYSUNINIT(() => console.log(`uninit in ${curvnet().name}`));
VNET_SYSINIT(() => {
  rules.push(curvnet().name);
  if (curvnet().name === 'b') throw new Error('no route table in b');
});
