/**
 * The copy rules (SPEC, Semantics, "Copying"): what a value is, and so whether copy.ts copies it
 * and how. Primitives by value; plain objects, arrays, Map, Set, Date, RegExp, ArrayBuffer,
 * DataView and typed arrays deeply, keeping cycles and shared references (one identity map per
 * call); instances of classes with the same prototype and their own properties copied through
 * property descriptors; functions, symbols, weak collections, WeakRef, FinalizationRegistry,
 * Promise, SharedArrayBuffer, objects with private fields and other built-ins with internal slots
 * that cannot be copied are shared.
 *
 * What an object is comes from its prototype chain, resolved once per prototype and cached:
 * - a built-in prototype decides (Map.prototype: a Map, Promise.prototype: shared, ...), checked
 *   per object against its internal slots;
 * - a constructor whose source (Function.prototype.toString, cached per constructor) is native code
 *   marks a host object: shared unless its slots say it is a kind we copy;
 * - a class whose source declares a `#name` member, or uses the helpers that TypeScript, esbuild,
 *   Babel or SWC emit for down-levelled private fields, or keys state by the instance
 *   (`map.set(this, …)`): shared, since its methods would throw on a copy. Deliberately coarse: a
 *   `#` in a string or comment of the class counts too, and sharing is the safe mistake;
 * - otherwise an ordinary object, unless the first instance seen with that prototype turns out to
 *   have slots (a Map whose chain was rewired).
 *
 * Known limits of the rules:
 * - What each prototype resolves to is cached per prototype, so changing a prototype's chain
 *   (setPrototypeOf on a prototype) after its instances were copied is not noticed.
 * - Private fields are found in source text, so a minified bundle that renamed the down-levelling
 *   helpers, or an Error from another realm (no brand check for errors before Error.isError), is
 *   not recognised; the latter is shared.
 */

import {
  getProto,
  gOPD,
  gOPS,
  isExtensible,
  isArray,
  ObjectProto,
  ArrayProto,
  fnToString,
  TypedArrayProto,
  taTag,
  taBuffer,
  dvBuffer,
  abByteLength,
  mapSize,
  setSize,
  dateGetTime,
  reSource,
  SAB,
  sabByteLength,
  errorIsError,
  taCtors,
  boxUnwrappers,
} from './intrinsics.js';

export type CopyKind = 'primitive' | 'deep' | 'shared';

// What to do with an object. SHARED, OBJECT and ERROR need no brand check; the others are verified
// per object (an object may inherit from Map.prototype without being a Map).
export const K_SHARED = 0;
// Plain, null-prototype and class instances: own properties through descriptors.
export const K_OBJECT = 1;
export const K_ERROR = 2; // like K_OBJECT, but keeps `stack` readable on the copy
export const K_ARRAY = 3;
export const K_MAP = 4;
export const K_SET = 5;
export const K_DATE = 6;
export const K_REGEXP = 7;
export const K_ARRAYBUFFER = 8;
export const K_DATAVIEW = 9;
export const K_TYPED = 10;
export const K_BOXED = 11;
const K_PROBE = 12; // unknown native constructor in the chain: probe the slots, share if none match
const K_PASS = 13; // slot-free built-in prototype (%IteratorPrototype%): keep walking the chain

const builtinKinds = new Map<object, number>();
const addBuiltin = (ctor: unknown, kind: number): void => {
  if (typeof ctor === 'function' && ctor.prototype)
    builtinKinds.set(ctor.prototype as object, kind);
};
addBuiltin(Object, K_OBJECT);
addBuiltin(Array, K_ARRAY);
addBuiltin(Map, K_MAP);
addBuiltin(Set, K_SET);
addBuiltin(Date, K_DATE);
addBuiltin(RegExp, K_REGEXP);
addBuiltin(ArrayBuffer, K_ARRAYBUFFER);
addBuiltin(DataView, K_DATAVIEW);
builtinKinds.set(TypedArrayProto, K_TYPED);
for (const name in taCtors) addBuiltin(taCtors[name], K_TYPED);
for (const c of [Number, String, Boolean, Symbol, BigInt]) addBuiltin(c, K_BOXED);
for (const c of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]) {
  addBuiltin(c, K_ERROR);
}
addBuiltin((globalThis as Record<string, unknown>).AggregateError, K_ERROR);
addBuiltin(Promise, K_SHARED);
addBuiltin(WeakMap, K_SHARED);
addBuiltin(WeakSet, K_SHARED);
addBuiltin((globalThis as Record<string, unknown>).WeakRef, K_SHARED);
addBuiltin((globalThis as Record<string, unknown>).FinalizationRegistry, K_SHARED);
addBuiltin(SAB, K_SHARED);
addBuiltin(Function, K_SHARED);
{
  // Generators and built-in iterators carry internal state that cannot be copied; the iterator
  // prototypes above them carry none, so a user class extending Iterator stays copyable.
  const arrayIterProto: object = getProto([][Symbol.iterator]());
  const iterProto: object = getProto(arrayIterProto);
  builtinKinds.set(iterProto, K_PASS);
  builtinKinds.set(arrayIterProto, K_SHARED);
  builtinKinds.set(getProto(new Map()[Symbol.iterator]()), K_SHARED);
  builtinKinds.set(getProto(new Set()[Symbol.iterator]()), K_SHARED);
  builtinKinds.set(getProto(''[Symbol.iterator]()), K_SHARED);
  builtinKinds.set(getProto(/a/[Symbol.matchAll]('')), K_SHARED);
  const genProto: object = getProto(function* () {}.prototype);
  builtinKinds.set(genProto, K_SHARED);
  const asyncGenProto: object = getProto(async function* () {}.prototype);
  builtinKinds.set(asyncGenProto, K_SHARED);
  builtinKinds.set(getProto(asyncGenProto), K_PASS);
}

// Per constructor: is it native, does its class declare a private member, or neither.
const CTOR_PLAIN = 0;
const CTOR_NATIVE = 1;
const CTOR_PRIVATE = 2;
const ctorFlags = new WeakMap<object, number>();
const NATIVE_RE = /\{\s*\[native code\]\s*\}\s*$/;
// Conservative: any `#` followed by an identifier start in a class's source, even inside a string
// or comment, counts as a private member; sharing too often is safe, copying an object whose
// methods need private fields is not (they would throw on the copy).
const PRIVATE_RE = /#[\p{ID_Start}$_\\]/u;
// Private fields down-levelled by TypeScript, esbuild, Babel or SWC live in WeakMaps keyed by the
// instance, so a copy would fail their checks too; their helpers' names give them away (unless
// minified). Hand-written WeakMap-keyed state (`internals.set(this, …)`, as Node's DOMException
// does) likewise.
const PRIVATE_HELPER_RE = new RegExp(
  String.raw`\b(?:__classPrivateField(?:Get|Set|In)|__private(?:Get|Set|Add|Method|In|Wrapper)` +
    String.raw`|_classPrivate\w+|_class_private_\w+` +
    String.raw`|_assertClassBrand|_checkPrivateRedeclaration)\b` +
    String.raw`|\.set\(\s*this\s*,`,
);

function ctorFlag(ctor: object): number {
  let flag = ctorFlags.get(ctor);
  if (flag === undefined) {
    let src = '';
    try {
      src = fnToString.call(ctor);
    } catch {
      src = '';
    }
    flag = NATIVE_RE.test(src)
      ? CTOR_NATIVE
      : (/^class\b/.test(src) && PRIVATE_RE.test(src)) || PRIVATE_HELPER_RE.test(src)
        ? CTOR_PRIVATE
        : CTOR_PLAIN;
    ctorFlags.set(ctor, flag);
  }
  return flag;
}

// Resolved kind per prototype object (weak: user prototypes may be collected).
const protoKinds = new WeakMap<object, number>();

function resolveProto(proto: object): number {
  for (let p: object | null = proto; p !== null; p = getProto(p)) {
    const builtin = builtinKinds.get(p);
    if (builtin !== undefined) {
      if (builtin === K_PASS) continue;
      return builtin;
    }
    if (p !== proto) {
      const memo = protoKinds.get(p);
      if (memo !== undefined) return memo;
    }
    const ctor: unknown = gOPD(p, 'constructor')?.value;
    if (typeof ctor === 'function') {
      const flag = ctorFlag(ctor);
      if (flag === CTOR_PRIVATE) return K_SHARED;
      if (flag === CTOR_NATIVE) {
        // Object.prototype of another realm: an ordinary object after all.
        if (ctor.name === 'Object' && getProto(p) === null) return K_OBJECT;
        return K_PROBE;
      }
    }
  }
  return K_OBJECT;
}

function isDetached(buffer: object): boolean {
  // A detached buffer reports byteLength 0 and cannot be viewed.
  try {
    new Uint8Array(buffer as ArrayBuffer);
    return false;
  } catch {
    return true;
  }
}

function brand(o: object, kind: number): boolean {
  try {
    switch (kind) {
      case K_ARRAY:
        return isArray(o);
      case K_TYPED:
        return taTag.call(o) !== undefined;
      case K_DATAVIEW:
        return ArrayBuffer.isView(o) && taTag.call(o) === undefined;
      case K_MAP:
        mapSize.call(o);
        return true;
      case K_SET:
        setSize.call(o);
        return true;
      case K_DATE:
        dateGetTime.call(o);
        return true;
      case K_REGEXP:
        reSource.call(o);
        return true;
      case K_ARRAYBUFFER:
        abByteLength.call(o);
        return true;
      case K_BOXED:
        return unbox(o) !== NOT_BOXED;
      case K_ERROR:
        return !!errorIsError?.(o);
      default:
        return false;
    }
  } catch {
    return false;
  }
}

const NOT_BOXED = Symbol('not boxed');
export function unbox(o: object): unknown {
  for (const unwrap of boxUnwrappers) {
    try {
      return unwrap.call(o);
    } catch {
      // not this kind of box
    }
  }
  return NOT_BOXED;
}

const PROBE_ORDER = [
  K_ARRAY,
  K_TYPED,
  K_DATAVIEW,
  K_MAP,
  K_SET,
  K_DATE,
  K_REGEXP,
  K_ARRAYBUFFER,
  K_ERROR,
];
const weakBrands: [(this: unknown, arg: object) => unknown, object][] = [];
for (const [ctor, method] of [
  [WeakMap, 'has'],
  [WeakSet, 'has'],
  [(globalThis as Record<string, unknown>).WeakRef, 'deref'],
  [(globalThis as Record<string, unknown>).FinalizationRegistry, 'unregister'],
] as const) {
  const fn =
    typeof ctor === 'function' ? (ctor.prototype as Record<string, unknown>)[method] : undefined;
  if (typeof fn === 'function')
    weakBrands.push([fn as (this: unknown, arg: object) => unknown, {}]);
}

/** The kind an object's internal slots say it is, whatever its prototype chain; -1 for none. */
function probe(o: object): number {
  for (const k of PROBE_ORDER) if (brand(o, k)) return k;
  if (isSharedBuffer(o)) return K_SHARED;
  for (const [fn, arg] of weakBrands) {
    try {
      fn.call(o, arg);
      return K_SHARED;
    } catch {
      // not this one
    }
  }
  return -1;
}

export function classify(o: object): number {
  const proto: object | null = getProto(o);
  if (proto === ObjectProto || proto === null) return K_OBJECT;
  if (proto === ArrayProto) return isArray(o) ? K_ARRAY : K_OBJECT;
  let kind = protoKinds.get(proto);
  if (kind === undefined) {
    kind = resolveProto(proto);
    if (kind === K_OBJECT || kind === K_PROBE) {
      // Slots can hide behind a rewired chain (Node's SafeMap has a null-rooted prototype, and
      // Reflect.construct(Map, [], F) makes a Map with F.prototype), and a host or other-realm
      // object may still be a kind we copy: probe the first instance, once per prototype, since
      // probing throws and throwing is slow. Instances of one prototype share their slots.
      const k = probe(o);
      kind = k >= 0 ? k : kind === K_PROBE ? K_SHARED : K_OBJECT;
    }
    protoKinds.set(proto, kind);
  }
  if (kind <= K_ERROR) return kind;
  if (!brand(o, kind)) return K_OBJECT;
  if (kind === K_ARRAYBUFFER && abByteLength.call(o) === 0 && isDetached(o)) return K_SHARED;
  return kind;
}

/**
 * Scans a plain Array.prototype array for the slice fast path. Returns the index of the first
 * element that is an object (the array's length when there is none), or -1 when the array needs
 * the descriptor-based path: not extensible, has holes, symbol keys, enumerable string extras or a
 * read-only length.
 */
export function scanArray(a: unknown[]): number {
  if (!isExtensible(a)) return -1;
  const n = a.length;
  let first = n;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (typeof v === 'object') {
      if (v !== null && first === n) first = i;
    } else if (v === undefined && !(i in a)) {
      return -1; // a hole: also keeps holes from cancelling out extras in the count below
    }
  }
  // No cheaper exact test for string-keyed extras exists: this is the fast path's main cost.
  if (n !== 0 && Object.keys(a).length !== n) return -1;
  if (gOPS(a).length !== 0) return -1;
  if (gOPD(a, 'length')!.writable !== true) return -1;
  return first;
}

export function isSharedBuffer(buffer: object): boolean {
  if (sabByteLength === undefined) return false;
  try {
    sabByteLength.call(buffer);
    return true;
  } catch {
    return false;
  }
}

/** What copyValue does with `value` at the top level, for the linker set. */
export function copyKind(value: unknown): CopyKind {
  const t = typeof value;
  if (t === 'function' || t === 'symbol') return 'shared';
  if (t !== 'object' || value === null) return 'primitive';
  const kind = classify(value as object);
  if (kind === K_SHARED) return 'shared';
  if (kind === K_TYPED || kind === K_DATAVIEW) {
    const buffer = (kind === K_TYPED ? taBuffer : dvBuffer).call(value) as object;
    if (!isSharedBuffer(buffer) && isDetached(buffer)) return 'shared';
  }
  return 'deep';
}

/**
 * A plain array of primitives with nothing else on it: its copy is `slice()`. The registry
 * asks once per reference copy (which never changes) instead of scanning at every new vnet.
 */
export function isPlainPrimitiveArray(value: unknown): value is unknown[] {
  return (
    Array.isArray(value) && getProto(value) === ArrayProto && scanArray(value) === value.length
  );
}
