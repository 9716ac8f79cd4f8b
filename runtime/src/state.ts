import { SlotRegistry } from './registry.js';
import type { Vnet } from './vnet.js';

/**
 * The one piece of state every part shares. `linker.c` is the hot path: the current
 * vnet's slot array, read by every access in transformed code (`__vimage.c[slot]`),
 * so a vnet switch is two stores and an access is two loads.
 */
export const registry = new SlotRegistry();

export const state = {
  cur: undefined as unknown as Vnet,
  vnet0: undefined as unknown as Vnet,
  /** Live vnets other than vnet0, in creation order (VNET_FOREACH order after vnet0). */
  live: [] as Vnet[],
  /** Set by the first createVnet(): boot has ended, automatic slots are sealed. */
  booted: false,
  /** Call sites where a marker ran unmodified: code not built by the plugin. */
  rawMarkers: [] as string[],
  nextId: 1,
};

/**
 * The data half of `__vimage` (linker.ts adds the methods to this same object): the current
 * vnet's slot array. Living here lets every part switch vnets without importing the linker,
 * so the modules form no import cycle.
 */
export const hot = { c: [] as unknown[] };

/** Switches curvnet without checks: async-context.ts uses it. */
export function switchTo(v: Vnet): void {
  state.cur = v;
  hot.c = v.slots;
}

/** Every vnet alive now, vnet0 first (VNET_FOREACH). */
export function liveVnets(): Vnet[] {
  return [state.vnet0, ...state.live];
}

/** Marks vnets, so a check needs no import of the class. */
export const VNET_BRAND = Symbol.for('vimage.vnet');

/** Every slot array of a live vnet, current or not (for growing and late copies). */
export function allSlotArrays(): unknown[][] {
  const arrays = [state.vnet0.slots];
  for (const v of state.live) arrays.push(v.slots);
  return arrays;
}
