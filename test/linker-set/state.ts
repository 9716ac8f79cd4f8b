import { VNET_DEFINE } from '@vimage/runtime';

class Conn {
  #fd = 3;
  get fd() { return this.#fd; }
}
class Plain { n = 1; }
const make = () => ({ n: 1 });

export let conn = VNET_DEFINE(new Conn());
export let plain = VNET_DEFINE(new Plain());
export let made = VNET_DEFINE(make());
export let proto = VNET_DEFINE({ __proto__: Conn.prototype });
export let obj = VNET_DEFINE({ a: [1] });
export let arr = VNET_DEFINE([1, 2]);
export let map = VNET_DEFINE(new Map<string, number>());
export let bytes = VNET_DEFINE(new Uint8Array(4));
export let re = VNET_DEFINE(/x/g);
export let weak = VNET_DEFINE(new WeakMap<object, number>());
export let fn = VNET_DEFINE(() => 1);
export let n = VNET_DEFINE(-1);
export let s = VNET_DEFINE(`x`);
export let none = VNET_DEFINE(undefined);
