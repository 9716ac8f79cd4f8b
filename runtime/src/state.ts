import { RuntimeConflictError } from './errors.js';
import { RECORD_KEY as KEY } from './process-record.js';
import type { Vnet } from './vnet.js';

/**
 * What transformed code calls on `__vimage`, and the shape of the process-wide record below.
 * Bump it when either changes: two copies of the runtime with different ABIs refuse to meet.
 */
export const ABI = 2;

interface ProcessRecord {
  abi: number;
  loadedFrom: string;
  slices: Record<string, unknown>;
}

const here = import.meta.url;

/**
 * One runtime per process: the first copy loaded (an ESM entry, a CommonJS one, a second
 * installed copy, one bundled into a library) makes the record on globalThis and every later
 * copy uses its state, so all of them see the same vnets and the same linker set.
 */
function processRecord(): ProcessRecord {
  const g = globalThis as { [KEY]?: ProcessRecord };
  const found = g[KEY];
  // Frozen (its fields never change): jest, between test files, deletes the configurable
  // properties of what a file left on its globalThis, while patched listener methods may ask it.
  if (!found) {
    const slices = Object.create(null) as Record<string, unknown>;
    return (g[KEY] = Object.freeze({ abi: ABI, loadedFrom: here, slices }));
  }
  if (found.abi !== ABI) throw new RuntimeConflictError(found.loadedFrom, found.abi, here, ABI);
  return found;
}

const record = processRecord();

/**
 * The current record's slice, read at call time: for what outlives a record (methods patched on
 * built-in prototypes once per process), so that it always serves the record in use.
 */
export function currentSlice<T>(name: string): T | undefined {
  return (globalThis as { [KEY]?: ProcessRecord })[KEY]?.slices[name] as T | undefined;
}

/** This process's instance of one part's state: made by the first copy of the runtime that asks. */
export function processWide<T>(name: string, make: () => T): T {
  return (record.slices[name] ??= make()) as T;
}

export const state = processWide('state', () => ({
  cur: undefined as unknown as Vnet,
  vnet0: undefined as unknown as Vnet,
  /** Live vnets other than vnet0, in creation order (VNET_FOREACH order after vnet0). */
  live: [] as Vnet[],
  /** Set by the first createVnet(): boot has ended, automatic slots are sealed. */
  booted: false,
  /** Call sites where a marker ran unmodified: code not built by the plugin. */
  rawMarkers: [] as string[],
  nextId: 1,
}));

/**
 * The data half of `__vimage` (generated-api.ts adds the methods to this same object): the
 * current vnet's slot array, read by every access in transformed code (`__vimage.c[slot]`), and
 * the vnet itself; a vnet switch is two stores, an access two loads. Living here lets every part
 * switch vnets without importing generated-api.ts, so the modules form no import cycle.
 */
export const hot = processWide('hot', () => ({
  c: [] as unknown[],
  v: undefined as unknown as Vnet,
}));

/** Switches curvnet without checks: async-context.ts uses it. */
export function switchTo(v: Vnet): void {
  state.cur = v;
  hot.c = v.slots;
  hot.v = v;
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
