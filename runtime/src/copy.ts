/**
 * Per-vnet copies of reference copies (SPEC, Semantics, "Copying").
 *
 * Primitives by value; plain objects, arrays, Map, Set, Date, RegExp, ArrayBuffer, DataView and typed
 * arrays deeply, keeping cycles and shared references (one identity map per call); instances of classes
 * with the same prototype and their own properties copied through property descriptors; functions,
 * symbols, weak collections, WeakRef, FinalizationRegistry, Promise, SharedArrayBuffer, objects with
 * private fields and other built-ins with internal slots that cannot be copied are shared.
 *
 * What an object is comes from its prototype chain, resolved once per prototype and cached:
 * - a built-in prototype decides (Map.prototype: a Map, Promise.prototype: shared, ...), checked per
 *   object against its internal slots;
 * - a constructor whose source (Function.prototype.toString, cached per constructor) is native code
 *   marks a host object: shared unless its slots say it is a kind we copy;
 * - a class whose source declares a `#name` member, or uses the helpers that TypeScript, esbuild,
 *   Babel or SWC emit for down-levelled private fields, or keys state by the instance
 *   (`map.set(this, …)`): shared, since its methods would throw on a copy. Deliberately coarse: a
 *   `#` in a string or comment of the class counts too, and sharing is the safe mistake;
 * - otherwise an ordinary object, unless the first instance seen with that prototype turns out to
 *   have slots (a Map whose chain was rewired).
 *
 * The walk is iterative (an explicit work stack) so that long chains such as linked lists cannot
 * overflow the call stack.
 *
 * Known limits, all for speed on the paths that matter:
 * - A plain extensible array (Array.prototype, no holes, no symbol or enumerable string extras) is
 *   copied with `slice()`. A non-enumerable string-keyed extra property, an accessor element or a
 *   read-only element on such an array is not detected, because finding one costs an
 *   `Object.getOwnPropertyNames` call, about 100 times the cost of `slice()` on 1,000 elements.
 *   Finding enumerable string extras already costs an `Object.keys` call (about 20 times `slice()`).
 * - Typed arrays keep their symbol-keyed own properties but not string-keyed ones, because listing
 *   those means listing every index.
 * - What each prototype resolves to is cached per prototype, so changing a prototype's chain
 *   (setPrototypeOf on a prototype) after its instances were copied is not noticed.
 * - Private fields are found in source text, so a minified bundle that renamed the down-levelling
 *   helpers, or an Error from another realm (no brand check for errors before Error.isError), is
 *   not recognised; the latter is shared.
 */

export type CopyKind = 'primitive' | 'deep' | 'shared';

// What to do with an object. SHARED, OBJECT and ERROR need no brand check; the others are verified
// per object (an object may inherit from Map.prototype without being a Map).
const K_SHARED = 0;
const K_OBJECT = 1; // plain, null-prototype and class instances: own properties through descriptors
const K_ERROR = 2; // like K_OBJECT, but keeps `stack` readable on the copy
const K_ARRAY = 3;
const K_MAP = 4;
const K_SET = 5;
const K_DATE = 6;
const K_REGEXP = 7;
const K_ARRAYBUFFER = 8;
const K_DATAVIEW = 9;
const K_TYPED = 10;
const K_BOXED = 11;
const K_PROBE = 12; // unknown native constructor in the chain: probe the slots, share if none match
const K_PASS = 13; // slot-free built-in prototype (%IteratorPrototype%): keep walking the chain
const K_ARRAY_FAST = 14; // work item only: plain array already sliced, patch object elements

const getProto = Object.getPrototypeOf;
const setProto = Object.setPrototypeOf;
const gOPD = Object.getOwnPropertyDescriptor;
const gOPN = Object.getOwnPropertyNames;
const gOPS = Object.getOwnPropertySymbols;
const defineProp = Object.defineProperty;
const isExtensible = Object.isExtensible;
const hasOwn = Object.prototype.hasOwnProperty;
const isArray = Array.isArray;
const ObjectProto = Object.prototype;
const ArrayProto = Array.prototype;
const fnToString = Function.prototype.toString;

type Getter = (this: unknown) => unknown;
const getter = (proto: object, key: PropertyKey): Getter => gOPD(proto, key)!.get as Getter;

const TypedArrayProto: object = getProto(Uint8Array.prototype);
const taTag = getter(TypedArrayProto, Symbol.toStringTag); // undefined for non-typed-arrays, never throws
const taBuffer = getter(TypedArrayProto, 'buffer');
const taByteOffset = getter(TypedArrayProto, 'byteOffset');
const taLength = getter(TypedArrayProto, 'length');
const dvBuffer = getter(DataView.prototype, 'buffer');
const dvByteOffset = getter(DataView.prototype, 'byteOffset');
const dvByteLength = getter(DataView.prototype, 'byteLength');
const abByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const abResizableDesc = gOPD(ArrayBuffer.prototype, 'resizable');
const abResizable = abResizableDesc?.get as Getter | undefined;
const abMaxByteLengthDesc = gOPD(ArrayBuffer.prototype, 'maxByteLength');
const abMaxByteLength = abMaxByteLengthDesc?.get as Getter | undefined;
const mapSize = getter(Map.prototype, 'size');
const setSize = getter(Set.prototype, 'size');
const mapForEach = Map.prototype.forEach;
const mapSet = Map.prototype.set;
const setForEach = Set.prototype.forEach;
const setAdd = Set.prototype.add;
const dateGetTime = Date.prototype.getTime;
const reSource = getter(RegExp.prototype, 'source');
const reFlags = getter(RegExp.prototype, 'flags');
const SAB: { prototype: object } | undefined =
  typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : undefined;
const sabByteLength = SAB === undefined ? undefined : getter(SAB.prototype, 'byteLength');
const errorIsError = (Error as unknown as { isError?: (v: unknown) => boolean }).isError;

type TypedArrayCtor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => object;
const taCtors: Record<string, TypedArrayCtor> = Object.create(null);
for (const name of [
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
]) {
  const ctor = (globalThis as Record<string, unknown>)[name];
  if (typeof ctor === 'function') taCtors[name] = ctor as TypedArrayCtor;
}

const boxUnwrappers: ((this: unknown) => unknown)[] = [
  Number.prototype.valueOf, String.prototype.valueOf, Boolean.prototype.valueOf,
  Symbol.prototype.valueOf, BigInt.prototype.valueOf,
];

// Built-in prototypes whose kind is known. A strong Map: these live as long as the realm.
const builtinKinds = new Map<object, number>();
const addBuiltin = (ctor: unknown, kind: number): void => {
  if (typeof ctor === 'function' && ctor.prototype) builtinKinds.set(ctor.prototype as object, kind);
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
// or comment, counts as a private member; sharing too often is safe, copying an object whose methods
// need private fields is not (they would throw on the copy).
const PRIVATE_RE = /#[\p{ID_Start}$_\\]/u;
// Private fields down-levelled by TypeScript, esbuild, Babel or SWC live in WeakMaps keyed by the
// instance, so a copy would fail their checks too; their helpers' names give them away (unless minified).
// Hand-written WeakMap-keyed state (`internals.set(this, …)`, as Node's DOMException does) likewise.
const PRIVATE_HELPER_RE =
  /\b(?:__classPrivateField(?:Get|Set|In)|__private(?:Get|Set|Add|Method|In|Wrapper)|_classPrivate\w+|_class_private_\w+|_assertClassBrand|_checkPrivateRedeclaration)\b|\.set\(\s*this\s*,/;

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
      case K_ARRAY: return isArray(o);
      case K_TYPED: return taTag.call(o) !== undefined;
      case K_DATAVIEW: return ArrayBuffer.isView(o) && taTag.call(o) === undefined;
      case K_MAP: mapSize.call(o); return true;
      case K_SET: setSize.call(o); return true;
      case K_DATE: dateGetTime.call(o); return true;
      case K_REGEXP: reSource.call(o); return true;
      case K_ARRAYBUFFER: abByteLength.call(o); return true;
      case K_BOXED: return unbox(o) !== NOT_BOXED;
      case K_ERROR: return errorIsError !== undefined && errorIsError(o);
      default: return false;
    }
  } catch {
    return false;
  }
}

const NOT_BOXED = Symbol('not boxed');
function unbox(o: object): unknown {
  for (const valueOf of boxUnwrappers) {
    try {
      return valueOf.call(o);
    } catch {
      // not this kind of box
    }
  }
  return NOT_BOXED;
}

const PROBE_ORDER = [K_ARRAY, K_TYPED, K_DATAVIEW, K_MAP, K_SET, K_DATE, K_REGEXP, K_ARRAYBUFFER, K_ERROR];
const weakBrands: [(this: unknown, arg: object) => unknown, object][] = [];
for (const [ctor, method] of [
  [WeakMap, 'has'], [WeakSet, 'has'], [(globalThis as Record<string, unknown>).WeakRef, 'deref'],
  [(globalThis as Record<string, unknown>).FinalizationRegistry, 'unregister'],
] as const) {
  const fn = typeof ctor === 'function' ? (ctor.prototype as Record<string, unknown>)[method] : undefined;
  if (typeof fn === 'function') weakBrands.push([fn as (this: unknown, arg: object) => unknown, {}]);
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

function classify(o: object): number {
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
function scanArray(a: unknown[]): number {
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

function copyArrayBuffer(src: ArrayBuffer): ArrayBuffer {
  const len = abByteLength.call(src) as number;
  // Built by hand rather than with slice(), which would run a subclass's species constructor.
  const dst =
    abResizable !== undefined && abResizable.call(src) === true
      ? new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer)(len, {
          maxByteLength: abMaxByteLength!.call(src) as number,
        })
      : new ArrayBuffer(len);
  new Uint8Array(dst).set(new Uint8Array(src, 0, len));
  return dst;
}

function isSharedBuffer(buffer: object): boolean {
  if (sabByteLength === undefined) return false;
  try {
    sabByteLength.call(buffer);
    return true;
  } catch {
    return false;
  }
}

type Descriptor = PropertyDescriptor & { value?: unknown };

/** One copy operation: its identity map and its pending work. */
class Copier {
  // The first object recorded lives in these two fields so that copying a flat object or array
  // never allocates the identity Map.
  private firstSrc: object | undefined = undefined;
  private firstDst: unknown = undefined;
  private seen: Map<object, unknown> | undefined = undefined;
  // Flat frames of four: source, copy, kind, aux.
  private work: unknown[] | undefined = undefined;

  child(v: unknown): unknown {
    if (typeof v !== 'object' || v === null) return v;
    if (v === this.firstSrc) return this.firstDst;
    if (this.seen !== undefined) {
      const c = this.seen.get(v);
      if (c !== undefined) return c;
    }
    return this.shell(v);
  }

  drain(): void {
    const work = this.work;
    if (work === undefined) return;
    while (work.length !== 0) {
      const aux = work.pop() as number;
      const kind = work.pop() as number;
      const dst = work.pop() as object;
      const src = work.pop() as object;
      this.fill(src, dst, kind, aux);
    }
  }

  private record(src: object, dst: unknown): void {
    if (this.firstSrc === undefined) {
      this.firstSrc = src;
      this.firstDst = dst;
    } else {
      (this.seen ??= new Map()).set(src, dst);
    }
  }

  private push(src: object, dst: object, kind: number, aux: number): void {
    (this.work ??= []).push(src, dst, kind, aux);
  }

  /** Creates the copy with its prototype and internal slots, records it, and queues its contents. */
  shell(src: object, scanned = -2): unknown {
    const kind = classify(src);
    let dst: object;
    switch (kind) {
      case K_SHARED:
        return src;
      case K_OBJECT:
      case K_ERROR: {
        const proto: object | null = getProto(src);
        dst = proto === ObjectProto ? {} : Object.create(proto);
        break;
      }
      case K_ARRAY: {
        const a = src as unknown[];
        const proto: object | null = getProto(a);
        if (proto === ArrayProto) {
          const first = scanned === -2 ? scanArray(a) : scanned;
          if (first >= 0) {
            dst = a.slice();
            this.record(src, dst);
            if (first < a.length) this.push(src, dst, K_ARRAY_FAST, first);
            return dst;
          }
        }
        dst = new Array(a.length);
        if (proto !== ArrayProto) setProto(dst, proto);
        break;
      }
      case K_MAP:
        dst = new Map();
        if (getProto(src) !== Map.prototype) setProto(dst, getProto(src));
        break;
      case K_SET:
        dst = new Set();
        if (getProto(src) !== Set.prototype) setProto(dst, getProto(src));
        break;
      case K_DATE:
        dst = new Date(dateGetTime.call(src));
        if (getProto(src) !== Date.prototype) setProto(dst, getProto(src));
        break;
      case K_REGEXP:
        dst = new RegExp(reSource.call(src) as string, reFlags.call(src) as string);
        if (getProto(src) !== RegExp.prototype) setProto(dst, getProto(src));
        break;
      case K_ARRAYBUFFER:
        dst = copyArrayBuffer(src as ArrayBuffer);
        if (getProto(src) !== ArrayBuffer.prototype) setProto(dst, getProto(src));
        break;
      case K_DATAVIEW: {
        const buffer = dvBuffer.call(src) as object;
        const bufferCopy = this.child(buffer) as ArrayBuffer;
        if (bufferCopy === buffer && !isSharedBuffer(buffer)) return src; // detached
        dst = new DataView(bufferCopy, dvByteOffset.call(src) as number, dvByteLength.call(src) as number);
        if (getProto(src) !== DataView.prototype) setProto(dst, getProto(src));
        break;
      }
      case K_TYPED: {
        const ctor = taCtors[taTag.call(src) as string];
        const buffer = taBuffer.call(src) as object;
        // Through the identity map, so views over one buffer share its one copy.
        const bufferCopy = this.child(buffer) as ArrayBuffer;
        if (ctor === undefined || (bufferCopy === buffer && !isSharedBuffer(buffer))) return src; // detached
        dst = new ctor(bufferCopy, taByteOffset.call(src) as number, taLength.call(src) as number);
        // Node's Buffer and other subclasses keep their prototype.
        if (getProto(src) !== getProto(dst)) setProto(dst, getProto(src));
        break;
      }
      case K_BOXED:
        dst = Object(unbox(src)) as object;
        if (getProto(src) !== getProto(dst)) setProto(dst, getProto(src));
        break;
      default:
        return src;
    }
    this.record(src, dst);
    this.push(src, dst, kind, 0);
    return dst;
  }

  private fill(src: object, dst: object, kind: number, aux: number): void {
    switch (kind) {
      case K_ARRAY_FAST: {
        // Primitives came over with slice(); only object elements need copies.
        const a = src as unknown[];
        const c = dst as unknown[];
        for (let i = aux, n = a.length; i < n; i++) {
          const v = a[i];
          if (typeof v === 'object' && v !== null) c[i] = this.child(v);
        }
        return;
      }
      case K_MAP: {
        const m = dst as Map<unknown, unknown>;
        // Built-in methods, not the instance's, so a subclass's overrides do not run.
        mapForEach.call(src as Map<unknown, unknown>, (v: unknown, k: unknown) => {
          mapSet.call(m, this.child(k), this.child(v));
        });
        break;
      }
      case K_SET: {
        const s = dst as Set<unknown>;
        setForEach.call(src as Set<unknown>, (v: unknown) => {
          setAdd.call(s, this.child(v));
        });
        break;
      }
    }
    // Only these shells start with own properties of their own (length, lastIndex, String indices).
    const fresh = kind !== K_ARRAY && kind !== K_REGEXP && kind !== K_BOXED;
    this.copyOwn(src, dst, kind !== K_TYPED, fresh);
    if (kind === K_ERROR) {
      // If an engine exposes `stack` as an accessor over internal state, keep its text instead.
      const d = gOPD(dst, 'stack');
      if (d !== undefined && !('value' in d)) {
        try {
          defineProp(dst, 'stack', { value: (src as Error).stack, writable: true, enumerable: false, configurable: true });
        } catch {
          // leave the accessor
        }
      }
    }
  }

  /** Copies own properties by descriptor, then the extensible / sealed / frozen state. */
  private copyOwn(src: object, dst: object, withNames: boolean, fresh: boolean): void {
    const extensible = isExtensible(src);
    // Frozen or sealed: define properties loosely (fast) and let freeze/seal set the attributes.
    let looseWritable = false;
    let looseConfigurable = false;
    if (!extensible) {
      if (Object.isFrozen(src)) looseWritable = looseConfigurable = true;
      else if (Object.isSealed(src)) looseConfigurable = true;
    }
    if (withNames) {
      const names = gOPN(src);
      for (let i = 0; i < names.length; i++) this.copyProp(src, dst, names[i]!, looseWritable, looseConfigurable, fresh);
    }
    const symbols = gOPS(src);
    for (let i = 0; i < symbols.length; i++) this.copyProp(src, dst, symbols[i]!, looseWritable, looseConfigurable, fresh);
    if (!extensible) {
      if (looseWritable) Object.freeze(dst);
      else if (looseConfigurable) Object.seal(dst);
      else Object.preventExtensions(dst);
    }
  }

  private copyProp(
    src: object,
    dst: object,
    key: string | symbol,
    looseW: boolean,
    looseC: boolean,
    fresh: boolean,
  ): void {
    const d = gOPD(src, key) as Descriptor | undefined;
    if (d === undefined) return;
    const isData = 'value' in d;
    if (isData) d.value = this.child(d.value);
    if (!fresh && hasOwn.call(dst, key)) {
      // Slots the fresh copy already has: array length, String box indices, RegExp lastIndex.
      try {
        defineProp(dst, key, d);
      } catch {
        // same non-configurable value already there
      }
      return;
    }
    // Plain assignment keeps V8's fast object shapes; only when no inherited property (a setter,
    // `__proto__`, a read-only slot) could intercept it.
    if (isData && d.enumerable && (d.writable || looseW) && (d.configurable || looseC) && !(key in dst)) {
      (dst as Record<string | symbol, unknown>)[key] = d.value;
    } else {
      defineProp(dst, key, d);
    }
  }
}

/** The per-vnet copy of a reference copy, following the contract's copying rules. */
export function copyValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value; // primitives; functions and symbols are shared
  const o = value as unknown as object;
  let scanned = -2;
  if (isArray(o) && getProto(o) === ArrayProto) {
    const a = o as unknown[];
    scanned = scanArray(a);
    if (scanned === a.length) return a.slice() as T; // dense, plain, primitives only
  }
  const copier = new Copier();
  const copy = copier.shell(o, scanned);
  copier.drain();
  return copy as T;
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
  return Array.isArray(value) && getProto(value) === ArrayProto && scanArray(value) === value.length;
}
