import { VNET_DEFINE } from '@vimage/runtime';

export let count = VNET_DEFINE(0);
export function inc(this: unknown): boolean {
  count++;
  return this !== undefined;
}
