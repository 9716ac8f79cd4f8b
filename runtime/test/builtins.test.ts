import { describe, expect, it } from 'vitest';
import { BUILTIN_COPY, TYPED_ARRAYS } from '../src/builtins.js';
import { copyKind } from '../src/copy-rules.js';
import { taCtors } from '../src/intrinsics.js';

/** Arguments for the constructors that need some; the others are called with none. */
const ARGS: Record<string, unknown[]> = {
  DataView: [new ArrayBuffer(8)],
  AggregateError: [[]],
  WeakRef: [{}],
  FinalizationRegistry: [() => {}],
  Promise: [() => {}],
};
// Constructors newer than the oldest Node this package supports (engines: >=20).
const NEWER_THAN_NODE_20 = ['Float16Array'];

const present = (name: string) =>
  typeof (globalThis as Record<string, unknown>)[name] === 'function';

describe('the table of built-in constructors (@vimage/runtime/builtins)', () => {
  it('says what the copy rules do with an instance of each, for every one this Node has', () => {
    const tested: string[] = [];
    for (const [name, expected] of Object.entries(BUILTIN_COPY)) {
      if (!present(name)) continue;
      const Ctor = (globalThis as unknown as Record<string, new (...a: unknown[]) => object>)[
        name
      ]!;
      const instance = new Ctor(...(ARGS[name] ?? (TYPED_ARRAYS.includes(name) ? [4] : [])));
      expect({ name, copy: copyKind(instance) }).toEqual({ name, copy: expected });
      tested.push(name);
    }
    // A misspelt name would be skipped above: only constructors newer than Node 20 may be.
    const missing = Object.keys(BUILTIN_COPY).filter((name) => !tested.includes(name));
    expect(NEWER_THAN_NODE_20).toEqual(expect.arrayContaining(missing));
  });

  it('copies every typed array deeply, and the copier knows each one this Node has', () => {
    for (const name of TYPED_ARRAYS) expect(BUILTIN_COPY[name]).toBe('deep');
    expect(Object.keys(taCtors)).toEqual(TYPED_ARRAYS.filter(present));
  });
});
