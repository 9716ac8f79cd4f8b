import { VNET_DEFINE, VNET_SYSUNINIT, curvnet } from '@vimage/runtime';

/** Virtualized: every test starts from the reference copy, 0. */
export let hits = VNET_DEFINE(0);
export function hit(): number {
  return ++hits;
}

/** Plain, shared by every vnet: the vnets destroyed so far, in order. */
export const destroyed: string[] = [];
VNET_SYSUNINIT(() => {
  destroyed.push(curvnet().name);
});
