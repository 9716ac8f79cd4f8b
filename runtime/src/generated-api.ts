import { noteAsyncContext, resync, slotsNow, type AsyncContext } from './async-context.js';
import { VimageOffError } from './errors.js';
import { grow, registry } from './linker-set.js';
import { publish } from './reference-copy.js';
import { hot, state } from './state.js';
import { unloadModule } from './sysinit.js';
import type { Vnet } from './vnet.js';

/**
 * The `__vimage` object: what generated code calls, the runtime's side of the ABI (state.ts).
 * The transformer emits, per module:
 *   const [$s_x, …] = __vimage.register("src/m.ts", true, ["x"], ["src/o.ts#y"]);
 *   export let x = __vimage.define($s_x, <initializer>);
 * and every access of x becomes `__vimage.c[$s_x]`. See runtime/README.md.
 */
export interface Linker {
  /**
   * The current vnet's slot array. Replaced on every vnet switch; valid in transformed code
   * after the `e()` at the entry of its function and the `r()` after each await or yield.
   */
  c: unknown[];
  /** The current vnet, valid where `c` is: what an async function captures at its entry. */
  v: Vnet;
  /**
   * Brings `c` in line with the running code's vnet and returns that vnet (see async-context.ts).
   */
  e(): Vnet;
  /** Makes `v` current (or, without it, the running code's vnet) and returns its slot array. */
  s(v?: Vnet): unknown[];
  /** `r(await x, $vn)`: the same after a suspension, passing the resumed value through. */
  r<T>(value: T, v?: Vnet): T;
  register(
    module: string,
    vimage: boolean,
    defs: readonly string[],
    refs: readonly string[],
    asyncContext?: AsyncContext,
  ): number[];
  define<T>(slot: number, value: T): T;
  defineAuto<T>(slot: number, value: T): T;
  declare(slot: number): unknown;
  field(cls: object, name: string, slot: number): void;
  seal(slots: readonly number[]): void;
  view(namespace: object, names: readonly string[], slots: readonly number[]): object;
  /** A dev server disposes a module before its hot update: see unloadModule in sysinit.ts. */
  unload(module: string): void;
}

// One view per namespace object, so `ns === ns` still holds wherever it escapes.
const views = new WeakMap<object, object>();

// The methods join the data object state.ts owns, so `__vimage.c` is the one every switch updates.
export const __vimage: Linker = Object.assign(hot, {
  e: resync,

  s: slotsNow,

  r(value, v) {
    slotsNow(v);
    return value;
  },

  register(module, vimage, defs, refs, asyncContext) {
    if (asyncContext) noteAsyncContext(asyncContext);
    // Top-level code runs in the vnet current at evaluation (for a late import(), a tenant's).
    resync();
    // A module built off that arrives while vnets exist (a late chunk) cannot give them copies.
    if (!vimage && state.live.length)
      throw new VimageOffError(
        `${module} built with VIMAGE off was loaded while ${state.live.length} vnet(s) ` +
          'besides vnet0 exist',
        `loading ${module}`,
      );
    // Evaluated again with no dispose before (ssrLoadModule, vi.resetModules, a module runner's
    // full reload): the previous evaluation is unloaded first, as a hot update's dispose does.
    if (registry.modules.has(module)) unloadModule(module);
    return registry.register(module, vimage, defs, refs, grow);
  },

  /**
   * A marked declaration is evaluated: its reference copy is taken from the value, the
   * current vnet holds the value itself, and every other live vnet (a module loaded after
   * vnets exist) gets its own copy of the reference copy.
   */
  define(slot, value) {
    publish(registry, slot, value, 'marked');
    __vimage.c[slot] = value;
    return value;
  },

  /**
   * A marked `var` with no initializer: the reference copy is undefined, but the current vnet
   * keeps what code before the declaration assigned (a plain `var x;` assigns nothing).
   * Returns that value, for the declared binding.
   */
  declare(slot) {
    publish(registry, slot, undefined, 'marked');
    return __vimage.c[slot];
  },

  /**
   * A virtualized static field: an enumerable accessor over the slot, where the field was. A
   * write through a subclass gives the subclass its own property, as assigning to an inherited
   * data field does.
   */
  field(cls, name, slot) {
    Object.defineProperty(cls, name, {
      get: () => slotsNow()[slot],
      set(this: object, value: unknown) {
        if (this === cls) slotsNow()[slot] = value;
        else
          Object.defineProperty(this, name, {
            value,
            writable: true,
            enumerable: true,
            configurable: true,
          });
      },
      enumerable: true,
      configurable: true,
    });
  },

  /**
   * An automatically virtualized declaration: the value lives in the current vnet; the
   * reference copy is taken later, by seal() (boot end, or the end of a late module).
   */
  defineAuto(slot, value) {
    const entry = registry.entries[slot]!;
    entry.origin = 'auto';
    __vimage.c[slot] = value;
    return value;
  },

  /**
   * A module namespace object that escapes (passed on, destructured, indexed by a variable):
   * a read-only object whose virtualized names read the current vnet, the others the namespace.
   */
  view(namespace, names, slots) {
    let view = views.get(namespace);
    if (view) return view;
    view = Object.create(null) as object;
    for (const key of Reflect.ownKeys(namespace)) {
      if (key === Symbol.toStringTag) continue;
      const i = typeof key === 'string' ? names.indexOf(key) : -1;
      const slot = slots[i]!;
      const get =
        i >= 0 ? () => slotsNow()[slot] : () => (namespace as Record<PropertyKey, unknown>)[key];
      // As enumerable as on the namespace: a bundler's `__esModule` stays hidden from Object.keys.
      const enumerable = Object.getOwnPropertyDescriptor(namespace, key)?.enumerable ?? true;
      Object.defineProperty(view, key, { get, enumerable });
    }
    Object.defineProperty(view, Symbol.toStringTag, { value: 'Module' });
    views.set(namespace, Object.freeze(view));
    return view;
  },

  unload(module) {
    unloadModule(module);
  },

  /**
   * End of a module's evaluation: its automatic slots. Before boot ends they wait for the first
   * createVnet() (sealBoot); after it, they take their reference copies now and every other
   * live vnet gets a copy.
   */
  seal(slots) {
    for (const slot of slots) registry.entries[slot]!.origin = 'auto';
    if (!state.booted) return;
    for (const slot of slots) publish(registry, slot, __vimage.c[slot], 'auto');
  },
} satisfies Omit<Linker, 'c' | 'v'>);
