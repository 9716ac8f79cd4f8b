// Row 1: a virtualized counter read and written in a hot loop, and by a small function
// called per iteration; and a loop that reads two globals (one an object) and writes one. Built VIMAGE on and off from this one source. `counter` is exported
// (a plain build reaches it through the module's export cell); `hidden` is module-private
// (a plain build keeps it in a context slot, the cheapest plain global).
import { VNET_DEFINE } from '@vimage/runtime';
export { createVnet, withVnet, vnet0 } from '@vimage/runtime';

export let counter = VNET_DEFINE(0);
let hidden = VNET_DEFINE(0);
let mixed = VNET_DEFINE(0);
export const limit = VNET_DEFINE(1 << 30);
export const config = VNET_DEFINE({ step: 3, mask: 0xff });

function step(i: number): void {
  counter = (counter + (i & 7)) | 0;
}

export function hot(iterations: number): number {
  for (let i = 0; i < iterations; i++) {
    counter = ((counter ^ i) + 1) | 0;
    step(i);
  }
  return counter;
}

function stepHidden(i: number): void {
  hidden = (hidden + (i & 7)) | 0;
}

export function hotHidden(iterations: number): number {
  for (let i = 0; i < iterations; i++) {
    hidden = ((hidden ^ i) + 1) | 0;
    stepHidden(i);
  }
  return hidden;
}

/** Reads two globals (one an object whose properties it reads) and writes a third, per iteration. */
export function hotMixed(iterations: number): number {
  for (let i = 0; i < iterations; i++) {
    mixed = mixed < limit ? (mixed + (i & config.mask) + config.step) | 0 : 0;
  }
  return mixed;
}
