import { VNET_DEFINE } from '@vimage/runtime';

export let n = VNET_DEFINE(1);
export let list = VNET_DEFINE<number[]>([]);
export let fn = VNET_DEFINE(function (this: unknown) {
  return this === undefined ? 'this=undefined' : 'this=defined';
});
/** @vnet */ export var label = 'start';
export function setN(v: number) { n = v; }
