/**
 * The built-in constructors the copy rules know by name (`@vimage/runtime/builtins`): data only,
 * with no import and no effect, so the transform can read it at build time without loading the
 * runtime. The copy rules (copy-rules.ts) decide from prototypes and internal slots; this table
 * says what they decide for an instance of each constructor, and runtime/test/builtins.test.ts
 * holds it to that.
 */

/** Every typed-array constructor, by global name; one this engine lacks is skipped at load. */
export const TYPED_ARRAYS: readonly string[] = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float16Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

/**
 * Built-in constructors whose instances (`new X(…)`) the runtime always copies deeply or always
 * shares, by global name. A constructor missing here (a class, a host object) is decided by the
 * value alone.
 */
export const BUILTIN_COPY: Readonly<Record<string, 'deep' | 'shared'>> = {
  Object: 'deep',
  Array: 'deep',
  Map: 'deep',
  Set: 'deep',
  Date: 'deep',
  RegExp: 'deep',
  ArrayBuffer: 'deep',
  DataView: 'deep',
  Error: 'deep',
  EvalError: 'deep',
  RangeError: 'deep',
  ReferenceError: 'deep',
  SyntaxError: 'deep',
  TypeError: 'deep',
  URIError: 'deep',
  AggregateError: 'deep',
  ...Object.fromEntries(TYPED_ARRAYS.map((name) => [name, 'deep'] as const)),
  WeakMap: 'shared',
  WeakSet: 'shared',
  WeakRef: 'shared',
  FinalizationRegistry: 'shared',
  Promise: 'shared',
  SharedArrayBuffer: 'shared',
};
