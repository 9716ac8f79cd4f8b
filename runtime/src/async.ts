import { state } from './state.js';
import { switchTo, withVnet } from './context.js';
import type { Vnet } from './vnet.js';

/**
 * Async continuations keep the vnet they were started in. On Node the runtime records
 * curvnet on every async resource at creation (promises, timers, immediates, ticks,
 * I/O) and switches to it around each callback: the mechanism AsyncLocalStorage uses,
 * with one hook instead of a store lookup on every access. It is enabled by the first
 * createVnet(): before that only vnet0 exists and nothing needs recording, so a program
 * that never creates a vnet pays nothing.
 */
const kVnet = Symbol('vimage.vnet');
const kBound = Symbol('vimage.bound');
let enabled = false;

interface AsyncHooks {
  createHook(callbacks: {
    init?(id: number, type: string, trigger: number, resource: object): void;
    before?(id: number): void;
    after?(id: number): void;
  }): { enable(): unknown };
  executionAsyncResource(): object | undefined;
}

type Listener = (...args: unknown[]) => unknown;
interface EmitterProto {
  [method: string]: unknown;
  rawListeners(type: string | symbol): Listener[];
}

export function asyncPropagationEnabled(): boolean {
  return enabled;
}

export function enableAsyncPropagation(): void {
  if (enabled) return;
  enabled = true;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const hooks = proc?.getBuiltinModule?.('node:async_hooks') as AsyncHooks | undefined;
  // Outside Node (browsers) only the synchronous extent of withVnet and bound callbacks switch vnets.
  if (!hooks) return;
  const saved: Vnet[] = [];
  hooks
    .createHook({
      init(_id, _type, _trigger, resource) {
        const v = state.cur;
        if (v !== state.vnet0) (resource as Record<symbol, Vnet>)[kVnet] = v;
      },
      before() {
        saved.push(state.cur);
        const resource = hooks.executionAsyncResource() as Record<symbol, Vnet> | undefined;
        const v = resource?.[kVnet] ?? state.vnet0;
        if (v !== state.cur) switchTo(v);
      },
      after() {
        const v = saved.pop() ?? state.vnet0;
        if (v !== state.cur) switchTo(v);
      },
    })
    .enable();
  const events = proc?.getBuiltinModule?.('node:events') as { EventEmitter: { prototype: EmitterProto } } | undefined;
  if (events) patchEventEmitter(events.EventEmitter.prototype);
}

/**
 * A listener registered while a vnet other than vnet0 is current runs in that vnet, whoever
 * emits. Listeners registered in vnet0 run in the emitter's vnet, like FreeBSD's event
 * handlers, which run in the caller's vnet. `once` goes through `on`, so it is covered.
 */
function patchEventEmitter(proto: EmitterProto): void {
  for (const method of ['on', 'addListener', 'prependListener']) {
    const original = proto[method] as (this: unknown, type: string | symbol, listener: Listener) => unknown;
    proto[method] = function (this: unknown, type: string | symbol, listener: Listener) {
      const v = state.cur;
      if (v === state.vnet0 || typeof listener !== 'function') return original.call(this, type, listener);
      return original.call(this, type, bindListener(v, listener));
    };
  }
  for (const method of ['removeListener', 'off']) {
    const original = proto[method] as (this: EmitterProto, type: string | symbol, listener: Listener) => unknown;
    proto[method] = function (this: EmitterProto, type: string | symbol, listener: Listener) {
      // A bound `once` listener is bound(onceWrapper(listener)): find it by the user's function.
      for (const entry of this.rawListeners(type) as Array<Listener & { [kBound]?: true; listener?: Listener & { listener?: Listener } }>) {
        if (entry[kBound] && entry.listener?.listener === listener) return original.call(this, type, entry.listener);
      }
      return original.call(this, type, listener);
    };
  }
}

function bindListener(v: Vnet, listener: Listener): Listener {
  const bound = function (this: unknown, ...args: unknown[]) {
    return withVnet(v, () => listener.apply(this, args));
  } as Listener & { listener: Listener; [kBound]: true };
  // EventEmitter matches `.listener` in removeListener and unwraps it in listeners().
  bound.listener = listener;
  bound[kBound] = true;
  return bound;
}
