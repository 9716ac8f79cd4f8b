import { state } from './state.js';
import { withVnet } from './context.js';
import { switchTo } from './state.js';
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

/**
 * 'hooks': the async hook above, for every continuation in every module (the default, and
 * what the runtime does alone). 'await': code built by the plugin switches vnets around each
 * of its own awaits at compile time, so no promise hook runs; callbacks handed to timers,
 * ticks, microtasks, `then` and EventEmitter are bound at registration instead. Modules say
 * which they were built for when they register; 'hooks' wins when both appear.
 */
export type AsyncContext = 'hooks' | 'await';
let requested: AsyncContext | undefined;
let installed: AsyncContext | undefined;

export function noteAsyncContext(mode: AsyncContext): void {
  if (requested === 'hooks') return;
  requested = mode;
  if (enabled && mode === 'hooks' && installed !== 'hooks') installHooks();
}

export function asyncPropagationEnabled(): AsyncContext | undefined {
  return installed;
}

const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown; nextTick?: unknown } }).process;

export function enableAsyncPropagation(): void {
  if (enabled) return;
  enabled = true;
  if ((requested ?? 'hooks') === 'hooks') installHooks();
  else patchCallbackApis();
  const events = proc?.getBuiltinModule?.('node:events') as { EventEmitter: { prototype: EmitterProto } } | undefined;
  if (events) patchEventEmitter(events.EventEmitter.prototype);
}

function installHooks(): void {
  installed = 'hooks';
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
}

/** A callback registered in a vnet other than vnet0 runs in it; in vnet0, as given (no cost). */
function bindCallback<F>(fn: F): F {
  const v = state.cur;
  if (v === state.vnet0 || typeof fn !== 'function') return fn;
  const f = fn as unknown as (...args: unknown[]) => unknown;
  return function (this: unknown, ...args: unknown[]) {
    const prev = state.cur;
    switchTo(v);
    try {
      return f.apply(this, args);
    } finally {
      switchTo(prev);
    }
  } as unknown as F;
}

/** 'await' mode: the APIs that take a callback to run later bind it to the registering vnet. */
function patchCallbackApis(): void {
  installed = 'await';
  const g = globalThis as unknown as Record<string, (...args: unknown[]) => unknown>;
  const wrapFirst = (original: (...args: unknown[]) => unknown) =>
    function (this: unknown, fn: unknown, ...rest: unknown[]) {
      return original.call(this, bindCallback(fn), ...rest);
    };
  const timers = proc?.getBuiltinModule?.('node:timers') as Record<string, (...args: unknown[]) => unknown> | undefined;
  for (const name of ['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']) {
    if (typeof g[name] === 'function') g[name] = wrapFirst(g[name]!);
    if (timers && typeof timers[name] === 'function') timers[name] = wrapFirst(timers[name]!);
  }
  const p = proc as unknown as { nextTick?: (...args: unknown[]) => unknown } | undefined;
  if (p?.nextTick) p.nextTick = wrapFirst(p.nextTick);
  // `import { setTimeout } from 'node:timers'` reads the builtin's exports: bring them in line.
  (proc?.getBuiltinModule?.('node:module') as { syncBuiltinESMExports?: () => void } | undefined)?.syncBuiltinESMExports?.();
  const then = Promise.prototype.then;
  Promise.prototype.then = function (this: Promise<unknown>, onFulfilled?: unknown, onRejected?: unknown) {
    return then.call(this, bindCallback(onFulfilled) as never, bindCallback(onRejected) as never);
  } as typeof then;
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
