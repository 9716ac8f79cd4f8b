import { afterEach, expect } from 'vitest';
import { __vimage, createVnet, type Vnet } from '../../src/index.js';
import { registry } from '../../src/linker-set.js';
import { state } from '../../src/state.js';

/**
 * The linker set's invariants, checked after every operation in the tests (as
 * magic-string's tests wrap MagicString in an integrity-checking subclass).
 */
export function checkInvariants(): void {
  const { entries, bySymbol } = registry;
  entries.forEach((e, i) => {
    expect(e.slot, `entry ${e.symbol} sits at its own slot`).toBe(i);
    expect(bySymbol.get(e.symbol), `symbol table finds ${e.symbol}`).toBe(e);
    if (e.defined) expect(e.kind, `${e.symbol} has a copy kind once defined`).toBeDefined();
  });
  expect(bySymbol.size).toBe(entries.length);
  for (const record of registry.modules.values()) {
    if (!record.vimage) continue;
    for (const name of record.defs)
      expect(bySymbol.get(`${record.module}#${name}`)?.module).toBe(record.module);
  }
  const live = [state.vnet0, ...state.live];
  expect(new Set(live.map((v) => v.id)).size, 'vnets are distinct').toBe(live.length);
  for (const v of live) {
    expect(v.status).toBe('live');
    expect(v.slots.length, `vnet ${v.name} has a slot for every entry`).toBe(entries.length);
  }
  expect(__vimage.c, 'the hot path points at curvnet').toBe(state.cur.slots);
}

/** What a transformed module does at evaluation: register, then evaluate its marked declarations. */
export function defineModule(module: string, defs: Record<string, unknown>, refs: string[] = []) {
  const names = Object.keys(defs);
  const slots = __vimage.register(module, true, names, refs);
  names.forEach((name, i) => __vimage.define(slots[i]!, defs[name]));
  const slotOf = (name: string) => {
    const i = names.indexOf(name);
    if (i >= 0) return slots[i]!;
    const j = refs.indexOf(name);
    if (j < 0) throw new Error(`test module ${module} has no ${name}`);
    return slots[names.length + j]!;
  };
  return {
    slots,
    /** `x` in transformed code, first in its function: `__vimage.e();` at the entry, then `__vimage.c[$s_x]` (here `__vimage.s()[$s_x]`, both at once). */
    read: (name: string) => __vimage.s()[slotOf(name)],
    write: (name: string, value: unknown) => {
      __vimage.s()[slotOf(name)] = value;
    },
  };
}

let counter = 0;
/** A module path no other test uses, so tests in one file do not collide in the shared registry. */
export function uniqueModule(stem = 'src/m'): string {
  return `${stem}${counter++}.ts`;
}

/**
 * Wraps the registry's mutating operations so the invariants are checked after each one
 * (magic-string's IntegrityCheckingMagicString, for the linker set). Returns the undo.
 */
export function checkRegistryAfterEveryOperation(): () => void {
  const originals = { register: registry.register, takeReference: registry.takeReference };
  let depth = 0;
  for (const name of Object.keys(originals) as Array<keyof typeof originals>) {
    const original = originals[name] as (...args: unknown[]) => unknown;
    (registry as unknown as Record<string, unknown>)[name] = function (
      this: unknown,
      ...args: unknown[]
    ) {
      depth++;
      try {
        return original.apply(this, args);
      } finally {
        // Only the outermost call: an operation may use another on its way.
        if (--depth === 0) checkInvariants();
      }
    };
  }
  return () => Object.assign(registry, originals);
}

/**
 * createVnet for a test file: every vnet it makes is destroyed after each test, and the
 * invariants are checked then. Call once at the top of the file.
 */
export function vnetsPerTest(): (name?: string) => Vnet {
  const made: Vnet[] = [];
  afterEach(() => {
    for (const v of made.splice(0)) if (v.status === 'live') v.destroy();
    checkInvariants();
  });
  return (name) => {
    const v = createVnet(name);
    made.push(v);
    return v;
  };
}
