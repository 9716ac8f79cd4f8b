import { VNET_DEFINE } from '@vimage/runtime';
export * from './b';

export let alpha = VNET_DEFINE('alpha0');
export function setAlpha(value: string): void {
  alpha = value;
}
