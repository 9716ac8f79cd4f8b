import { VNET_DEFINE, VNET_SYSINIT } from './markers';

export let count = VNET_DEFINE(0);
export let inits = VNET_DEFINE(0);
VNET_SYSINIT(() => {
  inits++;
});
export function inc(): number {
  return ++count;
}
