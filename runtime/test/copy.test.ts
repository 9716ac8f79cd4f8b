import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import vm from 'node:vm';
import { copyKind } from '../src/copy-rules.js';
import { copyValue } from '../src/copy.js';

describe('primitives', () => {
  it('returns primitives as they are', () => {
    for (const v of [0, -0, 1.5, NaN, Infinity, 'str', '', true, false, null, undefined, 10n]) {
      expect(Object.is(copyValue(v), v)).toBe(true);
      expect(copyKind(v)).toBe('primitive');
    }
  });
});

describe('shared by reference', () => {
  it('shares functions and symbols, also inside copied values', () => {
    const f = (): number => 1;
    const s = Symbol('s');
    expect(copyValue(f)).toBe(f);
    expect(copyValue(s)).toBe(s);
    expect(copyKind(f)).toBe('shared');
    expect(copyKind(s)).toBe('shared');
    const o = { f, s, nested: { f } };
    const c = copyValue(o);
    expect(c).not.toBe(o);
    expect(c.f).toBe(f);
    expect(c.s).toBe(s);
    expect(c.nested).not.toBe(o.nested);
    expect(c.nested.f).toBe(f);
  });

  it('shares WeakMap, WeakSet, WeakRef, FinalizationRegistry, Promise and SharedArrayBuffer', () => {
    const key = {};
    const values: object[] = [
      new WeakMap([[key, 1]]),
      new WeakSet([key]),
      new WeakRef(key),
      new FinalizationRegistry(() => {}),
      Promise.resolve(1),
      new SharedArrayBuffer(8),
    ];
    for (const v of values) {
      expect(copyValue(v)).toBe(v);
      expect(copyKind(v)).toBe('shared');
    }
    const holder = { values };
    const c = copyValue(holder);
    expect(c.values).not.toBe(values);
    c.values.forEach((v, i) => expect(v).toBe(values[i]));
  });

  it('shares subclasses of shared built-ins', () => {
    class MyPromise<T> extends Promise<T> {}
    class MyWeakMap extends WeakMap<object, number> {}
    const p = MyPromise.resolve(1);
    const w = new MyWeakMap();
    expect(copyValue(p)).toBe(p);
    expect(copyValue(w)).toBe(w);
  });

  it('shares typed-array memory over a SharedArrayBuffer but not the view object', () => {
    const sab = new SharedArrayBuffer(8);
    const view = new Int32Array(sab, 4, 1);
    const c = copyValue(view);
    expect(c).not.toBe(view);
    expect(c.buffer).toBe(sab);
    expect(c.byteOffset).toBe(4);
    c[0] = 42;
    expect(view[0]).toBe(42);
  });

  it('shares generators and built-in iterators, whose state cannot be copied', () => {
    const gen = (function* () {
      yield 1;
    })();
    const it = [1, 2][Symbol.iterator]();
    const mapIt = new Map([[1, 2]]).entries();
    for (const v of [gen, it, mapIt]) {
      expect(copyValue(v)).toBe(v);
      expect(copyKind(v)).toBe('shared');
    }
  });

  it('shares host objects with a native constructor', () => {
    const collator = new Intl.Collator('en');
    expect(copyValue(collator)).toBe(collator);
    expect(copyKind(collator)).toBe('shared');
  });
});

describe('private fields', () => {
  class Counter {
    #n = 0;
    inc(): number {
      return ++this.#n;
    }
  }

  it('shares instances of a class that declares a private field', () => {
    const counter = new Counter();
    expect(copyValue(counter)).toBe(counter);
    expect(copyKind(counter)).toBe('shared');
    const holder = { counter, other: { x: 1 } };
    const c = copyValue(holder);
    expect(c).not.toBe(holder);
    expect(c.other).not.toBe(holder.other);
    expect(c.counter).toBe(counter);
    expect(c.counter.inc()).toBe(1);
  });

  it('shares instances of a subclass of such a class', () => {
    class Sub extends Counter {
      label = 'sub';
    }
    const s = new Sub();
    expect(copyValue(s)).toBe(s);
  });

  it('detects private methods and accessors too', () => {
    class WithMethod {
      #secret(): number {
        return 1;
      }
      get value(): number {
        return this.#secret();
      }
    }
    class WithStaticOnly {
      static #count = 0;
      static next(): number {
        return ++WithStaticOnly.#count;
      }
      x = 1;
    }
    const a = new WithMethod();
    const b = new WithStaticOnly();
    expect(copyValue(a)).toBe(a);
    // Conservative: any private member in the class source makes instances shared.
    expect(copyValue(b)).toBe(b);
  });

  it('shares instances of classes whose private fields were down-levelled to WeakMaps', () => {
    // What TypeScript emits for `#n` below ES2022: the field lives in a WeakMap keyed by the instance.
    const _Legacy_n = new WeakMap<object, number>();
    function __classPrivateFieldGet(receiver: object, state: WeakMap<object, number>): number {
      if (!state.has(receiver))
        throw new TypeError(
          'Cannot read private member from an object whose class did not declare it',
        );
      return state.get(receiver)!;
    }
    class Legacy {
      constructor() {
        _Legacy_n.set(this, 1);
      }
      get n(): number {
        return __classPrivateFieldGet(this, _Legacy_n);
      }
    }
    const l = new Legacy();
    const c = copyValue(l);
    expect(c).toBe(l);
    expect(c.n).toBe(1);
  });

  it('shares instances whose class keeps state in a WeakMap keyed by the instance', () => {
    const internals = new WeakMap<object, { msg: string }>();
    class Hidden {
      constructor(msg: string) {
        internals.set(this, { msg });
      }
      get msg(): string {
        return internals.get(this)!.msg;
      }
    }
    const h = new Hidden('x');
    expect(copyValue(h)).toBe(h);
    // Node's DOMException is written this way
    const d = new DOMException('boom', 'AbortError');
    expect(copyValue(d)).toBe(d);
  });

  it('shares Node URL objects, whose class keeps its state in private fields', () => {
    const url = new URL('https://example.com/a?b=c');
    const c = copyValue(url);
    expect(c).toBe(url);
  });
});

describe('plain objects', () => {
  it('copies deeply and independently', () => {
    const o = { a: 1, b: { c: [1, 2, { d: 'x' }] }, e: null as unknown };
    const c = copyValue(o);
    expect(c).toStrictEqual(o);
    expect(c).not.toBe(o);
    expect(c.b).not.toBe(o.b);
    expect(c.b.c).not.toBe(o.b.c);
    expect(c.b.c[2]).not.toBe(o.b.c[2]);
    (c.b.c[2] as { d: string }).d = 'changed';
    c.b.c.push(3);
    c.a = 2;
    expect(o).toStrictEqual({ a: 1, b: { c: [1, 2, { d: 'x' }] }, e: null });
    expect(copyKind(o)).toBe('deep');
  });

  it('keeps key order, symbol keys, non-enumerable and own __proto__ properties', () => {
    const sym = Symbol('k');
    const o: Record<string | symbol, unknown> = { b: 1, a: 2, 2: 'two', 1: 'one' };
    o[sym] = { deep: true };
    Object.defineProperty(o, 'hidden', {
      value: { h: 1 },
      enumerable: false,
      writable: false,
      configurable: true,
    });
    Object.defineProperty(o, '__proto__', {
      value: { p: 1 },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    const c = copyValue(o);
    expect(Reflect.ownKeys(c)).toEqual(Reflect.ownKeys(o));
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    expect(c[sym]).toEqual({ deep: true });
    expect(c[sym]).not.toBe(o[sym]);
    expect(Object.getOwnPropertyDescriptor(c, 'hidden')).toMatchObject({
      enumerable: false,
      writable: false,
      configurable: true,
    });
    expect(c.hidden).toEqual({ h: 1 });
    expect(c.hidden).not.toBe(o.hidden);
    expect(Object.getOwnPropertyDescriptor(c, '__proto__')!.value).toEqual({ p: 1 });
    (c[sym] as { deep: boolean }).deep = false;
    expect(o[sym]).toEqual({ deep: true });
  });

  it('keeps accessors with their own get/set functions', () => {
    let store = 1;
    const get = (): number => store;
    const set = (v: number): void => {
      store = v;
    };
    const o = { plain: { x: 1 } };
    Object.defineProperty(o, 'acc', { get, set, enumerable: true, configurable: true });
    const sym = Symbol('acc');
    Object.defineProperty(o, sym, { get, enumerable: false, configurable: false });
    const c = copyValue(o);
    const d = Object.getOwnPropertyDescriptor(c, 'acc')!;
    expect(d.get).toBe(get);
    expect(d.set).toBe(set);
    expect(d.enumerable).toBe(true);
    const ds = Object.getOwnPropertyDescriptor(c, sym)!;
    expect(ds.get).toBe(get);
    expect(ds.configurable).toBe(false);
    expect(ds.enumerable).toBe(false);
    expect(c.plain).not.toBe(o.plain);
  });

  it('keeps null-prototype objects null-prototype', () => {
    const o = Object.assign(Object.create(null) as Record<string, unknown>, {
      a: { b: 1 },
      ['__proto__']: 'own',
    });
    const c = copyValue(o);
    expect(Object.getPrototypeOf(c)).toBe(null);
    expect(c).not.toBe(o);
    expect(c.a).toEqual({ b: 1 });
    expect(c.a).not.toBe(o.a);
    expect(c.__proto__).toBe('own');
    (c.a as { b: number }).b = 2;
    expect((o.a as { b: number }).b).toBe(1);
  });

  it('keeps frozen, sealed and non-extensible objects so', () => {
    const frozen = Object.freeze({ a: 1, inner: { b: 2 } });
    const sealed = Object.seal({ a: 1 });
    const closed = Object.preventExtensions({ a: 1 });
    const mixed = Object.preventExtensions(
      Object.defineProperty({ a: 1 }, 'ro', {
        value: 2,
        writable: false,
        enumerable: true,
        configurable: true,
      }),
    );
    const c = copyValue({ frozen, sealed, closed, mixed });
    expect(c.frozen).not.toBe(frozen);
    expect(Object.isFrozen(c.frozen)).toBe(true);
    expect(c.frozen).toStrictEqual(frozen);
    // freezing is shallow in the original, so in the copy too
    expect(Object.isFrozen(c.frozen.inner)).toBe(false);
    expect(c.frozen.inner).not.toBe(frozen.inner);
    c.frozen.inner.b = 3;
    expect(frozen.inner.b).toBe(2);
    expect(Object.isSealed(c.sealed)).toBe(true);
    expect(Object.isFrozen(c.sealed)).toBe(false);
    c.sealed.a = 5;
    expect(sealed.a).toBe(1);
    expect(Object.isExtensible(c.closed)).toBe(false);
    expect(Object.isSealed(c.closed)).toBe(false);
    expect(Object.isExtensible(c.mixed)).toBe(false);
    expect(Object.getOwnPropertyDescriptor(c.mixed, 'ro')).toEqual({
      value: 2,
      writable: false,
      enumerable: true,
      configurable: true,
    });
    expect(Object.getOwnPropertyDescriptor(c.mixed, 'a')).toEqual({
      value: 1,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  });
});

describe('arrays', () => {
  it('copies a dense array of primitives (the slice fast path)', () => {
    const a = [1, 'two', true, null, undefined, 3n, Symbol.iterator];
    const c = copyValue(a);
    expect(c).not.toBe(a);
    expect(c).toStrictEqual(a);
    c[0] = 99;
    c.push(5);
    expect(a[0]).toBe(1);
    expect(a.length).toBe(7);
    expect(copyKind(a)).toBe('deep');
  });

  it('copies arrays of objects deeply', () => {
    const a = [1, { x: 1 }, [2, { y: 2 }]] as const;
    const c = copyValue(a);
    expect(c).toStrictEqual(a);
    expect(c[1]).not.toBe(a[1]);
    expect(c[2]).not.toBe(a[2]);
    expect(c[2][1]).not.toBe(a[2][1]);
    (c[1] as { x: number }).x = 5;
    expect(a[1].x).toBe(1);
  });

  it('keeps holes', () => {
    // eslint-disable-next-line no-sparse-arrays
    const a = [1, , 3, , { o: 1 }];
    const c = copyValue(a);
    expect(c.length).toBe(5);
    expect(1 in c).toBe(false);
    expect(3 in c).toBe(false);
    expect(0 in c).toBe(true);
    expect(c[4]).toEqual({ o: 1 });
    expect(c[4]).not.toBe(a[4]);
    const sparse: number[] = [];
    sparse[1_000_000] = 1;
    const cs = copyValue(sparse);
    expect(cs.length).toBe(1_000_001);
    expect(Object.keys(cs)).toEqual(['1000000']);
    // holes next to extras must not cancel out in the fast path's key count
    // eslint-disable-next-line no-sparse-arrays
    const both: (number | undefined)[] & { extra?: string } = [1, , 3];
    both.extra = 'kept';
    const cb = copyValue(both);
    expect(1 in cb).toBe(false);
    expect(cb.extra).toBe('kept');
  });

  it('keeps extra own properties, string and symbol keyed', () => {
    const sym = Symbol('tag');
    const prim = Object.assign([1, 2, 3], { extra: { e: 1 }, [sym]: 'sym' });
    const objs = Object.assign([{ a: 1 }], { extra: 'x' });
    const c1 = copyValue(prim);
    const c2 = copyValue(objs);
    expect(c1.extra).toEqual({ e: 1 });
    expect(c1.extra).not.toBe(prim.extra);
    expect(c1[sym]).toBe('sym');
    expect([...c1]).toEqual([1, 2, 3]);
    expect(c2.extra).toBe('x');
    expect(c2[0]).not.toBe(objs[0]);
    const match = /(\d+)-(?<word>\w+)/.exec('at 12-ab')!;
    const cm = copyValue(match);
    expect(cm.index).toBe(3);
    expect(cm.input).toBe('at 12-ab');
    expect(cm.groups).toEqual({ word: 'ab' });
    expect([...cm]).toEqual(['12-ab', '12', 'ab']);
  });

  it('keeps frozen arrays frozen and read-only length read-only', () => {
    const a = Object.freeze([1, { x: 1 }]);
    const c = copyValue(a);
    expect(c).not.toBe(a);
    expect(Object.isFrozen(c)).toBe(true);
    expect(c).toStrictEqual(a);
    expect(c[1]).not.toBe(a[1]);
    const b = [1, 2];
    Object.defineProperty(b, 'length', { writable: false });
    const cb = copyValue(b);
    expect(Object.getOwnPropertyDescriptor(cb, 'length')!.writable).toBe(false);
    expect(Object.isExtensible(cb)).toBe(true);
  });

  it('keeps the prototype of Array subclasses', () => {
    class Stack<T> extends Array<T> {
      top(): T | undefined {
        return this[this.length - 1];
      }
    }
    const s = new Stack<{ v: number }>();
    s.push({ v: 1 }, { v: 2 });
    const c = copyValue(s);
    expect(c).toBeInstanceOf(Stack);
    expect(Array.isArray(c)).toBe(true);
    expect(c.top()).toEqual({ v: 2 });
    expect(c.top()).not.toBe(s.top());
    c.push({ v: 3 });
    expect(s.length).toBe(2);
  });

  it('does not overflow the stack on long chains', () => {
    type Node = { next: Node | null; i: number };
    let head: Node | null = null;
    for (let i = 0; i < 50_000; i++) head = { next: head, i };
    const c = copyValue(head)!;
    let n = 0;
    let distinct = 0;
    for (
      let p: Node | null = c, q: Node | null = head;
      p !== null && q !== null;
      p = p.next, q = q.next
    ) {
      n++;
      if (p !== q && p.i === q.i) distinct++;
    }
    expect(n).toBe(50_000);
    expect(distinct).toBe(50_000);
  });
});

describe('Map and Set', () => {
  it('copies Map keys and values, object keys included', () => {
    const k1 = { id: 1 };
    const v1 = { val: 1 };
    const m = new Map<unknown, unknown>([
      [k1, v1],
      ['s', [1, 2]],
      [v1, k1],
    ]);
    const c = copyValue(m);
    expect(c).toBeInstanceOf(Map);
    expect(c).not.toBe(m);
    expect(c).toStrictEqual(m);
    const [ck1, cv1] = [...c.entries()][0]!;
    expect(ck1).not.toBe(k1);
    expect(cv1).not.toBe(v1);
    expect(ck1).toEqual(k1);
    // the same object as key and as value maps to one copy
    expect(c.get(cv1)).toBe(ck1);
    expect(c.has(k1)).toBe(false);
    c.set('new', 1);
    (ck1 as { id: number }).id = 9;
    expect(m.has('new')).toBe(false);
    expect(k1.id).toBe(1);
  });

  it('copies Set members', () => {
    const member = { a: 1 };
    const s = new Set<unknown>([1, 'x', member, [member]]);
    const c = copyValue(s);
    expect(c).not.toBe(s);
    expect(c).toStrictEqual(s);
    const [, , cm, carr] = [...c] as [number, string, { a: number }, { a: number }[]];
    expect(cm).not.toBe(member);
    expect(carr[0]).toBe(cm);
    c.add('y');
    cm.a = 2;
    expect(s.has('y')).toBe(false);
    expect(member.a).toBe(1);
  });

  it('keeps Map/Set subclasses and does not call their overridden methods', () => {
    let calls = 0;
    class Registry extends Map<string, object> {
      override set(k: string, v: object): this {
        calls++;
        return super.set(k, v);
      }
      names(): string[] {
        return [...this.keys()];
      }
    }
    const r = new Registry();
    r.set('a', { x: 1 });
    calls = 0;
    const c = copyValue(r);
    expect(calls).toBe(0);
    expect(c).toBeInstanceOf(Registry);
    expect(c.names()).toEqual(['a']);
    expect(c.get('a')).not.toBe(r.get('a'));
  });
});

describe('internal slots behind a rewired prototype chain', () => {
  it('copies a Map whose prototype chain does not reach Map.prototype', () => {
    // Like Node's primordial SafeMap: a Map subclass whose prototype is null-rooted.
    class SafeMap<K, V> extends Map<K, V> {}
    Object.setPrototypeOf(SafeMap.prototype, null);
    for (const key of ['get', 'set', 'has', 'forEach'] as const) {
      Object.defineProperty(SafeMap.prototype, key, {
        value: Map.prototype[key],
        writable: true,
        configurable: true,
      });
    }
    const m = new SafeMap<string, { v: number }>();
    m.set('a', { v: 1 });
    const c = copyValue(m);
    expect(c).not.toBe(m);
    expect(Object.getPrototypeOf(c)).toBe(SafeMap.prototype);
    expect(c.get('a')).toEqual({ v: 1 });
    expect(c.get('a')).not.toBe(m.get('a'));
    c.set('b', { v: 2 });
    expect(m.has('b')).toBe(false);
  });

  it('copies a Date made with Reflect.construct and an unrelated prototype', () => {
    function Stamp(): void {}
    const d = Reflect.construct(Date, [5], Stamp) as object;
    const c = copyValue(d);
    expect(c).not.toBe(d);
    expect(Object.getPrototypeOf(c)).toBe(Stamp.prototype);
    expect(Date.prototype.getTime.call(c)).toBe(5);
  });
});

describe('values from another realm', () => {
  it('copies plain objects, arrays, Maps and Dates of another realm and shares its Promises', () => {
    const v = vm.runInNewContext(
      '({ o: { a: { b: 1 } }, arr: [1, { x: 1 }], m: new Map([[1, { z: 1 }]]), d: new Date(5), p: Promise.resolve(1), w: new WeakMap() })',
    ) as {
      o: { a: { b: number } };
      arr: [number, { x: number }];
      m: Map<number, { z: number }>;
      d: Date;
      p: Promise<number>;
      w: WeakMap<object, unknown>;
    };
    const c = copyValue(v);
    for (const k of ['o', 'arr', 'm', 'd'] as const) {
      expect(c[k]).not.toBe(v[k]);
      expect(Object.getPrototypeOf(c[k])).toBe(Object.getPrototypeOf(v[k]));
    }
    expect(c.o.a).not.toBe(v.o.a);
    expect(c.o.a.b).toBe(1);
    expect(Array.isArray(c.arr)).toBe(true);
    expect(c.arr[1]).not.toBe(v.arr[1]);
    expect(c.m.get(1)).toEqual({ z: 1 });
    expect(c.m.get(1)).not.toBe(v.m.get(1));
    expect(c.d.getTime()).toBe(5);
    expect(c.p).toBe(v.p);
    expect(c.w).toBe(v.w);
    c.o.a.b = 2;
    expect(v.o.a.b).toBe(1);
  });
});

describe('Date, RegExp, boxed primitives, errors', () => {
  it('copies Dates', () => {
    const d = new Date(1_700_000_000_000);
    const c = copyValue(d);
    expect(c).not.toBe(d);
    expect(c).toBeInstanceOf(Date);
    expect(c.getTime()).toBe(d.getTime());
    c.setTime(0);
    expect(d.getTime()).toBe(1_700_000_000_000);
  });

  it('copies RegExps with flags and lastIndex', () => {
    const r = /a(b)c/giu;
    r.lastIndex = 2;
    const c = copyValue(r);
    expect(c).not.toBe(r);
    expect(c.source).toBe(r.source);
    expect(c.flags).toBe(r.flags);
    expect(c.lastIndex).toBe(2);
    c.exec('xxabcabc');
    expect(r.lastIndex).toBe(2);
  });

  it('copies boxed primitives as new boxes', () => {
    const boxes = [
      Object(1),
      Object('str'),
      Object(true),
      Object(5n),
      Object(Symbol.iterator),
    ] as object[];
    const c = copyValue(boxes);
    c.forEach((b, i) => {
      expect(b).not.toBe(boxes[i]);
      expect(typeof b).toBe('object');
      expect(b.valueOf()).toBe(boxes[i]!.valueOf());
      expect(Object.getPrototypeOf(b)).toBe(Object.getPrototypeOf(boxes[i]));
    });
    const s = Object.assign(Object('ab') as object, { extra: 1 }) as {
      extra: number;
      length: number;
    };
    const cs = copyValue(s);
    expect(cs.extra).toBe(1);
    expect(cs.length).toBe(2);
  });

  it('copies Errors like class instances, keeping message, stack and cause', () => {
    const cause = { why: 'x' };
    const e = new TypeError('bad', { cause });
    const c = copyValue(e);
    expect(c).not.toBe(e);
    expect(c).toBeInstanceOf(TypeError);
    expect(c.message).toBe('bad');
    expect(c.stack).toBe(e.stack);
    expect(c.cause).toEqual(cause);
    expect(c.cause).not.toBe(cause);
    expect(Object.getOwnPropertyDescriptor(c, 'message')!.enumerable).toBe(false);
    c.message = 'changed';
    expect(e.message).toBe('bad');
  });
});

describe('binary data', () => {
  it('copies ArrayBuffers', () => {
    const b = new Uint8Array([1, 2, 3]).buffer;
    const c = copyValue(b);
    expect(c).not.toBe(b);
    expect(c.byteLength).toBe(3);
    expect([...new Uint8Array(c)]).toEqual([1, 2, 3]);
    new Uint8Array(c)[0] = 9;
    expect(new Uint8Array(b)[0]).toBe(1);
  });

  it('copies every typed array kind', () => {
    const arrays = [
      new Int8Array([1, -2]),
      new Uint8Array([1, 2]),
      new Uint8ClampedArray([1, 255]),
      new Int16Array([1, -2]),
      new Uint16Array([1, 2]),
      new Int32Array([1, -2]),
      new Uint32Array([1, 2]),
      new Float32Array([1.5, 2]),
      new Float64Array([1.5, NaN]),
      new BigInt64Array([1n, -2n]),
      new BigUint64Array([1n, 2n]),
    ];
    for (const a of arrays) {
      const c = copyValue(a);
      expect(c).not.toBe(a);
      expect(c.buffer).not.toBe(a.buffer);
      expect(Object.getPrototypeOf(c)).toBe(Object.getPrototypeOf(a));
      expect(c).toStrictEqual(a);
      (c as unknown as { fill(v: unknown): void }).fill(
        c instanceof BigInt64Array || c instanceof BigUint64Array ? 7n : 7,
      );
      expect(a[0]).not.toBe(c[0]);
    }
  });

  it('typed arrays sharing a buffer share its one copy, offsets and lengths kept', () => {
    const buf = new ArrayBuffer(16);
    const whole = new Uint8Array(buf);
    const part = new Int16Array(buf, 4, 3);
    const view = new DataView(buf, 2, 8);
    whole.set([1, 2, 3, 4, 5, 6, 7, 8]);
    const o = { whole, part, view, buf };
    const c = copyValue(o);
    expect(c.whole.buffer).not.toBe(buf);
    expect(c.whole.buffer).toBe(c.buf);
    expect(c.part.buffer).toBe(c.buf);
    expect(c.view.buffer).toBe(c.buf);
    expect(c.part.byteOffset).toBe(4);
    expect(c.part.length).toBe(3);
    expect(c.view.byteOffset).toBe(2);
    expect(c.view.byteLength).toBe(8);
    expect([...c.whole]).toEqual([...whole]);
    c.part[0] = -1;
    expect(c.whole[4]).toBe(255);
    expect(whole[4]).toBe(5);
    c.view.setUint8(0, 200);
    expect(c.whole[2]).toBe(200);
    expect(whole[2]).toBe(3);
  });

  it('copies DataViews', () => {
    const v = new DataView(new ArrayBuffer(4), 1, 2);
    v.setUint16(0, 513);
    const c = copyValue(v);
    expect(c).not.toBe(v);
    expect(c.buffer).not.toBe(v.buffer);
    expect(c.getUint16(0)).toBe(513);
    c.setUint16(0, 1);
    expect(v.getUint16(0)).toBe(513);
  });

  it("copies Node's Buffer as a typed array of the same prototype", () => {
    const b = Buffer.from('hello');
    const c = copyValue(b);
    expect(c).not.toBe(b);
    expect(Buffer.isBuffer(c)).toBe(true);
    expect(Object.getPrototypeOf(c)).toBe(Buffer.prototype);
    expect(c.toString()).toBe('hello');
    expect(c.byteOffset).toBe(b.byteOffset);
    expect(c.buffer).not.toBe(b.buffer);
    c.write('j');
    expect(b.toString()).toBe('hello');
  });

  it('keeps symbol-keyed own properties of typed arrays', () => {
    const tag = Symbol('tag');
    const a = Object.assign(new Uint8Array(2), { [tag]: { t: 1 } });
    const c = copyValue(a);
    expect(c[tag]).toEqual({ t: 1 });
    expect(c[tag]).not.toBe(a[tag]);
  });
});

describe('class instances', () => {
  class Point {
    constructor(
      public x: number,
      public y: number,
      public meta: { tags: string[] },
    ) {}
    norm(): number {
      return Math.hypot(this.x, this.y);
    }
    get sum(): number {
      return this.x + this.y;
    }
  }

  it('keeps the prototype, methods work, own properties are deep', () => {
    const p = new Point(3, 4, { tags: ['a'] });
    const c = copyValue(p);
    expect(c).not.toBe(p);
    expect(c).toBeInstanceOf(Point);
    expect(Object.getPrototypeOf(c)).toBe(Point.prototype);
    expect(c.norm()).toBe(5);
    expect(c.sum).toBe(7);
    expect(c.meta).not.toBe(p.meta);
    c.meta.tags.push('b');
    c.x = 0;
    expect(p.meta.tags).toEqual(['a']);
    expect(p.x).toBe(3);
    expect(copyKind(p)).toBe('deep');
  });

  it('keeps subclass chains and inherited setters are not triggered', () => {
    let setterCalls = 0;
    class Base {
      set watched(_v: number) {
        setterCalls++;
      }
    }
    class Derived extends Base {
      items = [{ id: 1 }];
    }
    const d = new Derived();
    // an own data property shadowing the inherited setter
    Object.defineProperty(d, 'watched', {
      value: 1,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    const c = copyValue(d);
    expect(setterCalls).toBe(0);
    expect(c).toBeInstanceOf(Derived);
    expect(Object.getOwnPropertyDescriptor(c, 'watched')!.value).toBe(1);
    expect(c.items).not.toBe(d.items);
    expect(c.items).toEqual(d.items);
  });

  it('copies instances of function constructors and Object.create prototypes', () => {
    function Legacy(this: { v: object }) {
      this.v = { n: 1 };
    }
    const l = new (Legacy as unknown as new () => { v: { n: number } })();
    const proto = {
      greet(): string {
        return 'hi';
      },
    };
    const o = Object.assign(Object.create(proto) as { greet(): string; own: number[] }, {
      own: [1],
    });
    const cl = copyValue(l);
    const co = copyValue(o);
    expect(Object.getPrototypeOf(cl)).toBe(Legacy.prototype);
    expect(cl.v).not.toBe(l.v);
    expect(Object.getPrototypeOf(co)).toBe(proto);
    expect(co.greet()).toBe('hi');
    expect(co.own).not.toBe(o.own);
  });
});

describe('cycles and shared references', () => {
  it('preserves self-references and mutual cycles', () => {
    type N = { name: string; self?: N; other?: N };
    const a: N = { name: 'a' };
    const b: N = { name: 'b' };
    a.self = a;
    a.other = b;
    b.other = a;
    const c = copyValue(a);
    expect(c).not.toBe(a);
    expect(c.self).toBe(c);
    expect(c.other).not.toBe(b);
    expect(c.other!.other).toBe(c);
    expect(c).toStrictEqual(a);
  });

  it('preserves cycles through arrays, Maps and Sets', () => {
    const arr: unknown[] = [1];
    arr.push(arr);
    const m = new Map<unknown, unknown>();
    m.set(m, m);
    const s = new Set<unknown>();
    s.add(s);
    const c = copyValue({ arr, m, s });
    expect(c.arr[1]).toBe(c.arr);
    expect(c.arr).not.toBe(arr);
    expect(c.m.get(c.m)).toBe(c.m);
    expect(c.m).not.toBe(m);
    expect(c.s.has(c.s)).toBe(true);
    expect(c.s).not.toBe(s);
  });

  it('two slots pointing at one object point at one copy', () => {
    const shared = { n: 1 };
    const o = {
      a: shared,
      b: shared,
      list: [shared, { inner: shared }],
      map: new Map([['k', shared]]),
    };
    const c = copyValue(o);
    expect(c.a).not.toBe(shared);
    expect(c.b).toBe(c.a);
    expect(c.list[0]).toBe(c.a);
    expect((c.list[1] as { inner: object }).inner).toBe(c.a);
    expect(c.map.get('k')).toBe(c.a);
    c.a.n = 2;
    expect(c.b.n).toBe(2);
    expect(shared.n).toBe(1);
  });

  it('uses a fresh identity map per call', () => {
    const o = { x: { y: 1 } };
    const c1 = copyValue(o);
    const c2 = copyValue(o);
    expect(c1).not.toBe(c2);
    expect(c1.x).not.toBe(c2.x);
  });
});

// ---- property test -------------------------------------------------------------------------

type Spec =
  | { t: 'leaf'; v: unknown }
  | { t: 'ref'; n: number }
  | { t: 'obj'; entries: [string, Spec][]; nullProto: boolean }
  | { t: 'arr'; items: Spec[] }
  | { t: 'map'; entries: [Spec, Spec][] }
  | { t: 'set'; items: Spec[] }
  | { t: 'views'; bytes: number[] };

const leafArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt(),
  fc.date({ noInvalidDate: true }),
  fc.int32Array({ maxLength: 4 }),
  fc.float64Array({ maxLength: 4 }),
);

const { spec: specArb } = fc.letrec<{ spec: Spec; node: Spec }>((tie) => ({
  spec: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb.map((v): Spec => ({ t: 'leaf', v })),
    fc.nat(7).map((n): Spec => ({ t: 'ref', n })),
    tie('node'),
  ),
  node: fc.oneof(
    fc.record({
      t: fc.constant('obj' as const),
      entries: fc.array(fc.tuple(fc.string({ maxLength: 4 }), tie('spec')), { maxLength: 4 }),
      nullProto: fc.boolean(),
    }),
    fc.record({ t: fc.constant('arr' as const), items: fc.array(tie('spec'), { maxLength: 5 }) }),
    fc.record({
      t: fc.constant('map' as const),
      entries: fc.array(fc.tuple(tie('spec'), tie('spec')), { maxLength: 3 }),
    }),
    fc.record({ t: fc.constant('set' as const), items: fc.array(tie('spec'), { maxLength: 3 }) }),
    fc.record({
      t: fc.constant('views' as const),
      bytes: fc.array(fc.nat(255), { minLength: 8, maxLength: 8 }),
    }),
  ),
}));

/** Builds a value; `ref` leaves point at pool members, which is how one value gets shared sub-objects. */
function build(spec: Spec, pool: object[]): unknown {
  switch (spec.t) {
    case 'leaf': {
      const v = spec.v;
      // fresh objects per occurrence, so sharing comes only from refs
      if (v instanceof Date) return new Date(v.getTime());
      if (ArrayBuffer.isView(v)) return (v as unknown as { slice(): unknown }).slice();
      return v;
    }
    case 'ref':
      return pool.length === 0 ? {} : pool[spec.n % pool.length];
    case 'obj': {
      const o: Record<string, unknown> = spec.nullProto ? Object.create(null) : {};
      for (const [k, s] of spec.entries)
        Object.defineProperty(o, k, {
          value: build(s, pool),
          writable: true,
          enumerable: true,
          configurable: true,
        });
      return o;
    }
    case 'arr':
      return spec.items.map((s) => build(s, pool));
    case 'map':
      return new Map(spec.entries.map(([k, v]) => [build(k, pool), build(v, pool)]));
    case 'set':
      return new Set(spec.items.map((s) => build(s, pool)));
    case 'views': {
      const buf = new Uint8Array(spec.bytes).buffer;
      return {
        bytes: new Uint8Array(buf),
        words: new Uint16Array(buf, 2, 2),
        tail: new Uint8Array(buf, 6),
      };
    }
  }
}

const valueArb = fc
  .tuple(fc.array(specArb, { maxLength: 4 }), specArb, fc.boolean())
  .map(([poolSpecs, rootSpec, cyclic]) => {
    const pool: object[] = [];
    for (const s of poolSpecs) {
      const v = build(s, pool);
      if (typeof v === 'object' && v !== null) pool.push(v);
    }
    const root = { root: build(rootSpec, pool), pool: pool.slice() } as Record<string, unknown>;
    if (cyclic) root.self = root;
    return root;
  });

function children(o: object): unknown[] {
  if (o instanceof Map) return [...o].flat();
  if (o instanceof Set) return [...o];
  if (ArrayBuffer.isView(o)) return [o.buffer];
  if (o instanceof Date || o instanceof ArrayBuffer) return [];
  return Reflect.ownKeys(o).map((k) => (o as Record<PropertyKey, unknown>)[k]);
}

function objectsOf(v: unknown, out = new Set<object>()): Set<object> {
  const stack = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x !== 'object' || x === null || out.has(x)) continue;
    out.add(x);
    stack.push(...children(x));
  }
  return out;
}

/** Walks original and copy together: every original maps to exactly one distinct copy. */
function checkIdentity(
  orig: unknown,
  copy: unknown,
  fwd: Map<object, object>,
  back: Map<object, object>,
): void {
  if (typeof orig !== 'object' || orig === null) {
    expect(Object.is(copy, orig)).toBe(true);
    return;
  }
  expect(typeof copy).toBe('object');
  const c = copy as object;
  const seen = fwd.get(orig);
  if (seen !== undefined) {
    expect(c).toBe(seen);
    return;
  }
  expect(c).not.toBe(orig);
  expect(back.has(c)).toBe(false);
  fwd.set(orig, c);
  back.set(c, orig);
  expect(Object.getPrototypeOf(c)).toBe(Object.getPrototypeOf(orig));
  if (ArrayBuffer.isView(orig)) {
    expect((c as ArrayBufferView).byteOffset).toBe(orig.byteOffset);
    expect((c as ArrayBufferView).byteLength).toBe(orig.byteLength);
  }
  const oc = children(orig);
  const cc = children(c);
  expect(cc.length).toBe(oc.length);
  oc.forEach((x, i) => checkIdentity(x, cc[i], fwd, back));
}

/** A canonical description of a value graph, identities included, independent of copyValue. */
function fingerprint(v: unknown): string {
  const ids = new Map<object, number>();
  const walk = (x: unknown): unknown => {
    if (typeof x === 'bigint') return `${x}n`;
    if (typeof x === 'number') return Object.is(x, -0) ? '-0' : Number.isNaN(x) ? 'NaN' : x;
    if (typeof x !== 'object' || x === null) return x === undefined ? 'undef' : x;
    const id = ids.get(x);
    if (id !== undefined) return `#${id}`;
    ids.set(x, ids.size);
    const proto =
      Object.getPrototypeOf(x) === null ? 'null' : (x.constructor as { name: string }).name;
    if (x instanceof Date) return [proto, x.getTime()];
    if (x instanceof ArrayBuffer) return [proto, [...new Uint8Array(x)]];
    if (ArrayBuffer.isView(x)) return [proto, x.byteOffset, x.byteLength, walk(x.buffer)];
    if (x instanceof Map || x instanceof Set) return [proto, children(x).map(walk)];
    return [
      proto,
      Reflect.ownKeys(x).map((k) => [String(k), walk((x as Record<PropertyKey, unknown>)[k])]),
    ];
  };
  return JSON.stringify(walk(v));
}

function mutateAll(v: unknown): void {
  for (const o of objectsOf(v)) {
    if (o instanceof Map) o.set('mutated', 1);
    else if (o instanceof Set) o.add('mutated');
    else if (o instanceof Date) o.setTime(12345);
    else if (o instanceof ArrayBuffer) new Uint8Array(o).fill(0xee);
    else if (ArrayBuffer.isView(o)) {
      if (o instanceof DataView) o.setUint8(0, 1);
      else (o as unknown as { fill(x: number): void }).fill(3);
    } else if (Array.isArray(o)) {
      o.push('mutated');
      if (o.length > 1) o[0] = 'changed';
    } else (o as Record<string, unknown>).mutated = true;
  }
}

describe('property: copies of generated values', () => {
  it('are structurally equal, disjoint in identity, and independent of the original', () => {
    fc.assert(
      fc.property(valueArb, (v) => {
        const before = fingerprint(v);
        const copy = copyValue(v);
        expect(copy).toStrictEqual(v);
        checkIdentity(v, copy, new Map(), new Map());
        const originals = objectsOf(v);
        for (const o of objectsOf(copy)) expect(originals.has(o)).toBe(false);
        mutateAll(copy);
        expect(fingerprint(v)).toBe(before);
        expect(fingerprint(copy)).not.toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isPlainPrimitiveArray (the registry slices such reference copies)', () => {
  it('accepts only plain extensible arrays of primitives with nothing else on them', async () => {
    const { isPlainPrimitiveArray } = await import('../src/copy-rules.js');
    expect(isPlainPrimitiveArray([1, 'a', null, undefined, true, 2n])).toBe(true);
    expect(isPlainPrimitiveArray([])).toBe(true);
    expect(isPlainPrimitiveArray([1, {}])).toBe(false);
    expect(isPlainPrimitiveArray([1, , 3])).toBe(false);
    expect(isPlainPrimitiveArray(Object.assign([1], { extra: 1 }))).toBe(false);
    expect(isPlainPrimitiveArray(Object.freeze([1]))).toBe(false);
    class Sub extends Array {}
    expect(isPlainPrimitiveArray(Sub.from([1]))).toBe(false);
    expect(isPlainPrimitiveArray({ length: 0 })).toBe(false);
  });
});
