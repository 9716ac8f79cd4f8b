import { enableAsyncContext, resync } from './async-context.js';
import { withVnet } from './curvnet.js';
import { copyValue } from './copy.js';
import {
  SysuninitError,
  VimageArgumentError,
  Vnet0DestroyError,
  VnetDestroyedError,
  VnetInUseError,
} from './errors.js';
import { checkBuiltWithVimage, registry } from './linker-set.js';
import { sealBoot } from './reference-copy.js';
import { liveVnets, state, switchTo, VNET_BRAND } from './state.js';
import { runSysinits, runSysuninits } from './sysinit.js';

const token = Symbol('vimage.vnet');

/**
 * One instance of every virtualized global of the program. Made by createVnet();
 * vnet0 is the one the program boots in.
 */
export class Vnet {
  readonly name: string;
  readonly id: number;
  /** @internal The slot array: `slots[slot]` is this vnet's value of that global. */
  slots: unknown[];
  /** @internal */
  status: 'live' | 'dying' | 'dead' = 'live';
  /** @internal Number of withVnet() calls on it that have not finished (promises included). */
  busy = 0;
  /** @internal Lets curvnet.ts recognise a vnet without importing this class. */
  readonly [VNET_BRAND] = true;

  /** @internal */
  constructor(key: symbol, name: string, slots: unknown[]) {
    if (key !== token)
      throw new VimageArgumentError('new Vnet(): make vnets with createVnet(name?).');
    this.id = state.nextId++;
    this.name = name;
    this.slots = slots;
  }

  /** Runs the VNET_SYSUNINIT handlers in this vnet and frees it; any later use throws. */
  destroy(): void {
    destroyVnet(this);
  }

  /** `fn` wrapped so that every call runs in this vnet, whoever calls it and when. */
  bind<A extends unknown[], R, T>(fn: (this: T, ...args: A) => R): (this: T, ...args: A) => R {
    if (typeof fn !== 'function')
      throw new VimageArgumentError(`vnet.bind(fn): fn must be a function, got ${typeof fn}.`);
    const v = this;
    return function (this: T, ...args: A): R {
      return withVnet(v, () => fn.apply(this, args));
    };
  }

  /** This vnet's value of a virtualized global (FreeBSD's VNET_VNET(vnet, name)). */
  get(symbol: string): unknown {
    this.assertLive(`get("${symbol}")`);
    return this.slots[registry.lookup(symbol).slot];
  }

  /** Sets this vnet's value of a virtualized global; other vnets are untouched. */
  set(symbol: string, value: unknown): void {
    this.assertLive(`set("${symbol}")`);
    this.slots[registry.lookup(symbol).slot] = value;
  }

  /** Symbol to value, copied: a view for monitoring (netstat reading a vnet through kvm). */
  snapshot(): Record<string, unknown> {
    this.assertLive('snapshot()');
    const out: Record<string, unknown> = {};
    for (const entry of registry.entries) {
      if (entry.defined) out[entry.symbol] = copyValue(this.slots[entry.slot]);
    }
    return out;
  }

  /** @internal */
  assertLive(what: string): void {
    if (this.status === 'dead') throw new VnetDestroyedError(this.name, what);
  }

  toString(): string {
    return `[vnet ${this.name}]`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const status = this.status === 'live' ? '' : `, ${this.status}`;
    return `Vnet { name: ${JSON.stringify(this.name)}${status} }`;
  }
}

// vnet0 exists from the start: every module's top-level code runs in it while the program boots.
// A second copy of the runtime in the process finds it made (state.ts).
if (!state.vnet0) {
  state.vnet0 = new Vnet(token, 'vnet0', []);
  switchTo(state.vnet0);
}

/**
 * A new vnet: a copy of every reference copy, then the VNET_SYSINIT handlers run in
 * it, ascending by order; it joins vnets() only once they all succeeded (vnet_alloc).
 */
export function createVnet(name?: string): Vnet {
  if (name !== undefined && typeof name !== 'string')
    throw new VimageArgumentError(`createVnet(name): name must be a string, got ${typeof name}.`);
  checkBuiltWithVimage();
  if (!state.booted) sealBoot(registry);
  enableAsyncContext();
  const v = new Vnet(token, name ?? `vnet${state.nextId}`, registry.instantiate());
  try {
    runSysinits(v);
  } catch (error) {
    kill(v);
    throw error;
  }
  state.live.push(v);
  return v;
}

/** Every vnet alive now, vnet0 first (VNET_FOREACH). */
export function vnets(): Vnet[] {
  return liveVnets();
}

/**
 * After destroy the slot array is replaced by one that throws on any access, so a
 * stray continuation that resumes in a destroyed vnet fails loudly, not silently.
 */
function poisonedSlots(name: string): unknown[] {
  return new Proxy([], {
    get(_t, key) {
      throw new VnetDestroyedError(name, `access slot ${String(key)}`);
    },
    set(_t, key) {
      throw new VnetDestroyedError(name, `write slot ${String(key)}`);
    },
  });
}

/** Unlink, run the VNET_SYSUNINIT handlers in reverse order, then poison (vnet_destroy). */
function destroyVnet(v: Vnet): void {
  if (v === state.vnet0) throw new Vnet0DestroyError();
  if (v.status === 'dead') throw new VnetDestroyedError(v.name, 'destroy it again');
  if (v.status === 'dying') throw new VnetInUseError(v.name, 'it is being destroyed');
  if (v === resync()) throw new VnetInUseError(v.name, 'it is the current vnet');
  if (v.busy > 0)
    throw new VnetInUseError(
      v.name,
      `${v.busy} withVnet() call${v.busy === 1 ? ' has' : 's have'} not finished`,
    );
  const i = state.live.indexOf(v);
  if (i >= 0) state.live.splice(i, 1);
  v.status = 'dying';
  // A throwing handler stops only itself: the later ones still run and the vnet ends dead.
  const failures = runSysuninits(v);
  kill(v);
  const first = failures[0];
  if (first) throw new SysuninitError(v.name, first.error, first.h.module, failures.length);
}

function kill(v: Vnet): void {
  v.status = 'dead';
  v.slots = poisonedSlots(v.name);
  // A stale `c` must not keep the live array of a vnet that is gone.
  if (state.cur === v) switchTo(v);
}
