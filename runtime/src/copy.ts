/**
 * The per-vnet copy of a reference copy (SPEC, Semantics, "Copying"): what copy-rules.ts says
 * each object is decides how it is copied here.
 *
 * The walk is iterative (an explicit work stack) so that long chains such as linked lists cannot
 * overflow the call stack.
 *
 * Known limits, all for speed on the paths that matter:
 * - A plain extensible array (Array.prototype, no holes, no symbol or enumerable string extras) is
 *   copied with `slice()`. A non-enumerable string-keyed extra property, an accessor element or a
 *   read-only element on such an array is not detected, because finding one costs an
 *   `Object.getOwnPropertyNames` call, about 100 times the cost of `slice()` on 1,000 elements.
 *   Finding enumerable string extras already costs an `Object.keys` call (about 20 times
 *   `slice()`).
 * - Typed arrays keep their symbol-keyed own properties but not string-keyed ones, because listing
 *   those means listing every index.
 */

import {
  K_SHARED,
  K_OBJECT,
  K_ERROR,
  K_ARRAY,
  K_MAP,
  K_SET,
  K_DATE,
  K_REGEXP,
  K_ARRAYBUFFER,
  K_DATAVIEW,
  K_TYPED,
  K_BOXED,
  unbox,
  classify,
  scanArray,
  isSharedBuffer,
} from './copy-rules.js';
import {
  getProto,
  setProto,
  gOPD,
  gOPN,
  gOPS,
  defineProp,
  isExtensible,
  hasOwn,
  isArray,
  ObjectProto,
  ArrayProto,
  taTag,
  taBuffer,
  taByteOffset,
  taLength,
  dvBuffer,
  dvByteOffset,
  dvByteLength,
  abByteLength,
  abResizable,
  abMaxByteLength,
  mapForEach,
  mapSet,
  setForEach,
  setAdd,
  dateGetTime,
  reSource,
  reFlags,
  taCtors,
} from './intrinsics.js';

// A work item only: a plain array already sliced, whose object elements still need copies.
const K_ARRAY_FAST = 14;

function copyArrayBuffer(src: ArrayBuffer): ArrayBuffer {
  const len = abByteLength.call(src) as number;
  // Built by hand rather than with slice(), which would run a subclass's species constructor.
  const dst =
    abResizable !== undefined && abResizable.call(src) === true
      ? new (
          ArrayBuffer as unknown as new (
            n: number,
            o: { maxByteLength: number },
          ) => ArrayBuffer
        )(len, {
          maxByteLength: abMaxByteLength!.call(src) as number,
        })
      : new ArrayBuffer(len);
  new Uint8Array(dst).set(new Uint8Array(src, 0, len));
  return dst;
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

  /**
   * Creates the copy with its prototype and internal slots, records it, and queues its contents.
   */
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
        dst = new DataView(
          bufferCopy,
          dvByteOffset.call(src) as number,
          dvByteLength.call(src) as number,
        );
        if (getProto(src) !== DataView.prototype) setProto(dst, getProto(src));
        break;
      }
      case K_TYPED: {
        const ctor = taCtors[taTag.call(src) as string];
        const buffer = taBuffer.call(src) as object;
        // Through the identity map, so views over one buffer share its one copy.
        const bufferCopy = this.child(buffer) as ArrayBuffer;
        // A detached buffer (copied as itself), or a kind this engine lacks: shared.
        if (ctor === undefined || (bufferCopy === buffer && !isSharedBuffer(buffer))) return src;
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
          defineProp(dst, 'stack', {
            value: (src as Error).stack,
            writable: true,
            enumerable: false,
            configurable: true,
          });
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
      for (let i = 0; i < names.length; i++)
        this.copyProp(src, dst, names[i]!, looseWritable, looseConfigurable, fresh);
    }
    const symbols = gOPS(src);
    for (let i = 0; i < symbols.length; i++)
      this.copyProp(src, dst, symbols[i]!, looseWritable, looseConfigurable, fresh);
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
    if (
      isData &&
      d.enumerable &&
      (d.writable || looseW) &&
      (d.configurable || looseC) &&
      !(key in dst)
    ) {
      (dst as Record<string | symbol, unknown>)[key] = d.value;
    } else {
      defineProp(dst, key, d);
    }
  }
}

/** The per-vnet copy of a reference copy, following the contract's copying rules. */
export function copyValue<T>(value: T): T {
  // Primitives; functions and symbols are shared.
  if (typeof value !== 'object' || value === null) return value;
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
