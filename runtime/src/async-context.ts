import { VnetDestroyedError } from './errors.js';
import { currentSlice, hot, processWide, state, switchTo } from './state.js';
import type { Vnet } from './vnet.js';

/**
 * How continuations keep their vnet. curvnet lives in an AsyncLocalStorage, which Node carries
 * into every continuation: code after `await` (compiled or not), promise callbacks, thenables,
 * timers, immediates, ticks, I/O callbacks. On Node 24 (and 22 with
 * --experimental-async-context-frame) that is V8's continuation-preserved context
 * (AsyncContextFrame), with no promise hook; on Node 20 it is async_hooks with promise hooks.
 *
 * The hot path stays a plain load of `__vimage.c`, the current vnet's slot array. It is brought
 * in line with the store only where a continuation can begin in transformed code: at the entry
 * of each function that touches a virtualized global (`__vimage.e()`), after each of its awaits
 * and yields (`__vimage.r(x, v)`), and wherever the runtime reads curvnet. Inside one
 * synchronous run nothing else changes the store without restoring it (withVnet does). One
 * activation of an async function keeps one store throughout (nothing here calls enterWith), so
 * it re-enters the vnet it captured at its entry after an await with no lookup; a generator
 * resumes in whoever calls next(), so it looks the store up again.
 *
 * Nothing is installed until the first createVnet(): before it only vnet0 exists, so a program
 * that never creates a vnet runs with no store, no hook and no patched built-in.
 */
export type AsyncContext = 'storage' | 'sync-only';

interface Storage {
  run<R>(store: Vnet, fn: () => R): R;
  getStore(): Vnet | undefined;
}

const proc = (
  globalThis as {
    process?: {
      getBuiltinModule?: (id: string) => unknown;
      emitWarning?: (w: string, o: object) => void;
    };
  }
).process;

const context = processWide('async-context', () => ({
  storage: undefined as Storage | undefined,
  requested: undefined as AsyncContext | undefined,
  enabled: false,
}));

/**
 * Modules say which mode they were built for when they register. 'storage' wins as soon as
 * one module asks for it; the runtime alone (no registered module) uses 'storage'.
 */
export function noteAsyncContext(mode: AsyncContext): void {
  if (context.requested === 'storage') return;
  context.requested = mode;
  if (context.enabled && mode === 'storage') install();
}

/**
 * The first createVnet(): more than one vnet exists from now on; continuations must carry theirs.
 */
export function enableAsyncContext(): void {
  if (context.enabled) return;
  context.enabled = true;
  if ((context.requested ?? 'storage') === 'storage') install();
}

function install(): void {
  if (context.storage) return;
  const hooks = proc?.getBuiltinModule?.('node:async_hooks') as
    | { AsyncLocalStorage: new () => Storage }
    | undefined;
  // Outside Node (browsers), only withVnet's synchronous extent and bound functions switch vnets.
  if (!hooks) return;
  context.storage = new hooks.AsyncLocalStorage();
  processWide<ListenerHooks>('listeners', () => ({ registering, bind: bindListener }));
  patchListeners();
}

/** The vnet the running code belongs to: the store's, made current if it was not. */
export function resync(): Vnet {
  const storage = context.storage;
  if (storage) {
    const v = storage.getStore() ?? state.vnet0;
    if (v !== state.cur) switchTo(v);
  }
  return state.cur;
}

/**
 * Runs `fn` in curvnet `v`, carried into every continuation it starts, then restores the previous.
 */
export function enter<R>(v: Vnet, fn: () => R): R {
  const prev = state.cur;
  switchTo(v);
  try {
    const storage = context.storage;
    return storage ? storage.run(v, fn) : fn();
  } finally {
    switchTo(prev);
  }
}

/** The slot array of the running code's vnet, or of `v` when the caller knows it. */
export function slotsNow(v?: Vnet): unknown[] {
  if (v !== undefined) {
    if (v !== state.cur) switchTo(v);
  } else if (context.storage) {
    resync();
  }
  return hot.c;
}

type Listener = (...args: unknown[]) => unknown;
type Method = (this: object, ...args: unknown[]) => unknown;
const kBound = Symbol.for('vimage.listener');
const kPatched = Symbol.for('vimage.listeners-patched');

/** What the patched listener methods ask the runtime in use (state.ts: currentSlice). */
interface ListenerHooks {
  /**
   * The vnet a listener registered now belongs to, or undefined in vnet0 (passed through as given).
   */
  registering(): Vnet | undefined;
  bind: typeof bindListener;
}

function registering(): Vnet | undefined {
  const v = resync();
  return v === state.vnet0 ? undefined : v;
}

/**
 * Where the patched methods find the runtime in use, kept on the patched prototype: it is the
 * process's, while a realm's globalThis may not be (jest runs each test file in a realm of its
 * own, all sharing node:events). A copy of the runtime loaded in a realm points it at that
 * realm's record when it finds the prototypes patched, and when it patches them.
 */
const kHooks = Symbol.for('vimage.listener-hooks');
type Prototype = Record<string | symbol, unknown>;

function listenerPrototypes(): Array<Prototype | undefined> {
  type Events = { EventEmitter: { prototype: Prototype } };
  const events = proc?.getBuiltinModule?.('node:events') as Events | undefined;
  const target = (globalThis as unknown as { EventTarget?: { prototype: Prototype } }).EventTarget;
  return [events?.EventEmitter.prototype, target?.prototype];
}

function claimListeners(proto: Prototype): void {
  const hooks = () => currentSlice<ListenerHooks>('listeners');
  Object.defineProperty(proto, kHooks, { value: hooks, configurable: true, writable: true });
}
for (const proto of listenerPrototypes()) if (proto?.[kPatched]) claimListeners(proto);

/** The hooks of the record in use, and the vnet registering now (undefined: pass it through). */
function hooksNow(proto: Prototype): [ListenerHooks, Vnet] | undefined {
  const hooks = (proto[kHooks] as (() => ListenerHooks | undefined) | undefined)?.();
  const v = hooks?.registering();
  return v && hooks ? [hooks, v] : undefined;
}

/**
 * Listeners are the one kind of callback the store does not carry: an EventEmitter or
 * EventTarget calls them in the emitter's context. One registered while a vnet other than
 * vnet0 is current runs in that vnet, whoever emits; one registered in vnet0 runs in the
 * emitter's vnet, as FreeBSD's event handlers run in the caller's.
 */
function patchListeners(): void {
  const [emitter, target] = listenerPrototypes();
  // Once per process, by whichever runtime copy comes first: the wrappers ask the record in use.
  for (const [proto, patch] of [
    [emitter, patchEmitter],
    [target, patchEventTarget],
  ] as const) {
    if (!proto) continue;
    claimListeners(proto);
    if (proto[kPatched]) continue;
    Object.defineProperty(proto, kPatched, { value: true });
    patch(proto);
  }
}

/**
 * The listener made to run in `v`. It enters `v` without the checks of withVnet: a listener of
 * a destroyed vnet still runs, and throws VnetDestroyedError at its first access to a
 * virtualized global. That error stays with its vnet: the listener is dropped and a warning
 * says so, so another tenant's emit() still reaches its own listeners.
 */
function bindListener(v: Vnet, listener: Listener, remove: (bound: Listener) => void): Listener {
  const bound = function (this: unknown, ...args: unknown[]) {
    try {
      return enter(v, () => listener.apply(this, args));
    } catch (error) {
      if (!(error instanceof VnetDestroyedError) || v.status !== 'dead') throw error;
      remove(bound);
      proc?.emitWarning?.(
        `a listener registered in vnet "${v.name}" ran after the vnet was destroyed ` +
          'and touched its state; it was removed',
        { code: error.code, detail: error.message },
      );
      return undefined;
    }
  } as Listener & { listener: Listener; [kBound]: true };
  // EventEmitter matches `.listener` in removeListener and unwraps it in listeners().
  bound.listener = listener;
  bound[kBound] = true;
  return bound;
}

/** Replaces methods by wrappers keeping name, length and aliases (`on === addListener`). */
function wrapMethods(proto: Prototype, names: string[], wrap: (original: Method) => Method): void {
  const done = new Map<unknown, Method>();
  for (const name of names) {
    const original = proto[name];
    if (typeof original !== 'function') continue;
    let wrapper = done.get(original);
    if (!wrapper) {
      wrapper = wrap(original as Method);
      Object.defineProperty(wrapper, 'name', { value: original.name });
      Object.defineProperty(wrapper, 'length', { value: original.length });
      done.set(original, wrapper);
    }
    const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
    Object.defineProperty(proto, name, { ...descriptor, value: wrapper });
  }
}

function patchEmitter(proto: Prototype): void {
  wrapMethods(
    proto,
    ['on', 'addListener', 'prependListener'],
    (original) =>
      function (this: object, type: unknown, listener: unknown, ...rest: unknown[]) {
        const now = typeof listener === 'function' ? hooksNow(proto) : undefined;
        if (!now) return original.call(this, type, listener, ...rest);
        const emitter = this as { removeListener(type: unknown, l: Listener): unknown };
        const bound = now[0].bind(now[1], listener as Listener, (b) =>
          emitter.removeListener(type, b),
        );
        return original.call(this, type, bound, ...rest);
      },
  );
  wrapMethods(
    proto,
    ['removeListener', 'off'],
    (original) =>
      function (this: object, type: unknown, listener: unknown, ...rest: unknown[]) {
        const raw = (this as { rawListeners?(t: unknown): unknown[] }).rawListeners?.(type) ?? [];
        // A bound `once` listener is bound(onceWrapper(listener)): find it by the user's function.
        for (const entry of raw as Array<
          Listener & { [kBound]?: true; listener?: Listener & { listener?: Listener } }
        >) {
          if (entry[kBound] && entry.listener?.listener === listener)
            return original.call(this, type, entry.listener, ...rest);
        }
        return original.call(this, type, listener, ...rest);
      },
  );
}

/**
 * EventTarget keeps one registration per (type, listener, capture): the wrapper of one listener
 * for one vnet is made once, so adding it twice still registers it once.
 */
function patchEventTarget(proto: Prototype): void {
  const wrappers = new WeakMap<object, Map<Vnet, Listener>>();
  wrapMethods(
    proto,
    ['addEventListener'],
    (original) =>
      function (this: object, type: unknown, listener: unknown, ...rest: unknown[]) {
        const now =
          typeof listener === 'function' || (typeof listener === 'object' && listener !== null)
            ? hooksNow(proto)
            : undefined;
        if (!now) return original.call(this, type, listener, ...rest);
        const [hooks, v] = now;
        const l = listener as Listener | { handleEvent: Listener };
        let perVnet = wrappers.get(l);
        if (!perVnet) wrappers.set(l, (perVnet = new Map()));
        let bound = perVnet.get(v);
        if (!bound) {
          const target = this as {
            removeEventListener(t: unknown, l: Listener, o?: unknown): void;
          };
          const call = function (this: unknown, ...args: unknown[]) {
            return typeof l === 'function' ? l.apply(this, args) : l.handleEvent.apply(l, args);
          };
          bound = hooks.bind(v, call, (b) => target.removeEventListener(type, b, ...rest));
          perVnet.set(v, bound);
        }
        return original.call(this, type, bound, ...rest);
      },
  );
  wrapMethods(
    proto,
    ['removeEventListener'],
    (original) =>
      function (this: object, type: unknown, listener: unknown, ...rest: unknown[]) {
        const perVnet =
          typeof listener === 'function' || (typeof listener === 'object' && listener !== null)
            ? wrappers.get(listener as object)
            : undefined;
        if (perVnet)
          for (const bound of perVnet.values()) original.call(this, type, bound, ...rest);
        return original.call(this, type, listener, ...rest);
      },
  );
}
