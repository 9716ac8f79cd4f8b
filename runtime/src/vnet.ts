import { copyValue } from './copy.js';
import { VimageArgumentError, VnetDestroyedError } from './errors.js';
import { registry, state } from './state.js';
import { destroyVnet } from './lifecycle.js';
import { withVnet } from './context.js';

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

  /** @internal */
  constructor(key: symbol, name: string, slots: unknown[]) {
    if (key !== token) throw new VimageArgumentError('new Vnet(): make vnets with createVnet(name?).');
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
    if (typeof fn !== 'function') throw new VimageArgumentError(`vnet.bind(fn): fn must be a function, got ${typeof fn}.`);
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
    return `Vnet { name: ${JSON.stringify(this.name)}${this.status === 'live' ? '' : `, ${this.status}`} }`;
  }
}

/** @internal */
export function makeVnet(name: string, slots: unknown[]): Vnet {
  return new Vnet(token, name, slots);
}

/**
 * After destroy the slot array is replaced by one that throws on any access, so a
 * stray continuation that resumes in a destroyed vnet fails loudly, not silently.
 */
export function poisonedSlots(name: string): unknown[] {
  return new Proxy([], {
    get(_t, key) {
      throw new VnetDestroyedError(name, `access slot ${String(key)}`);
    },
    set(_t, key) {
      throw new VnetDestroyedError(name, `write slot ${String(key)}`);
    },
  });
}
