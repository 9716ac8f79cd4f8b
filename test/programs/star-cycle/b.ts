import { VNET_DEFINE } from '@vimage/runtime';
export * from './a';

export let beta = VNET_DEFINE('beta0');
export function setBeta(value: string): void {
  beta = value;
}
