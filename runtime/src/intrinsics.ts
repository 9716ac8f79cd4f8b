/**
 * The built-in methods and getters the copy rules and the copier call, taken once at load:
 * a program that patches `Map.prototype.set` or a subclass that overrides `size` changes neither
 * what a value is classified as nor how it is copied.
 */

import { TYPED_ARRAYS } from './builtins.js';

export const getProto = Object.getPrototypeOf;
export const setProto = Object.setPrototypeOf;
export const gOPD = Object.getOwnPropertyDescriptor;
export const gOPN = Object.getOwnPropertyNames;
export const gOPS = Object.getOwnPropertySymbols;
export const defineProp = Object.defineProperty;
export const isExtensible = Object.isExtensible;
export const hasOwn = Object.prototype.hasOwnProperty;
export const isArray = Array.isArray;
export const ObjectProto = Object.prototype;
export const ArrayProto = Array.prototype;
export const fnToString = Function.prototype.toString;

type Getter = (this: unknown) => unknown;
const getter = (proto: object, key: PropertyKey): Getter => gOPD(proto, key)!.get as Getter;

export const TypedArrayProto: object = getProto(Uint8Array.prototype);
// Undefined for non-typed-arrays, never throws.
export const taTag = getter(TypedArrayProto, Symbol.toStringTag);
export const taBuffer = getter(TypedArrayProto, 'buffer');
export const taByteOffset = getter(TypedArrayProto, 'byteOffset');
export const taLength = getter(TypedArrayProto, 'length');
export const dvBuffer = getter(DataView.prototype, 'buffer');
export const dvByteOffset = getter(DataView.prototype, 'byteOffset');
export const dvByteLength = getter(DataView.prototype, 'byteLength');
export const abByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const abResizableDesc = gOPD(ArrayBuffer.prototype, 'resizable');
export const abResizable = abResizableDesc?.get as Getter | undefined;
const abMaxByteLengthDesc = gOPD(ArrayBuffer.prototype, 'maxByteLength');
export const abMaxByteLength = abMaxByteLengthDesc?.get as Getter | undefined;
export const mapSize = getter(Map.prototype, 'size');
export const setSize = getter(Set.prototype, 'size');
export const mapForEach = Map.prototype.forEach;
export const mapSet = Map.prototype.set;
export const setForEach = Set.prototype.forEach;
export const setAdd = Set.prototype.add;
export const dateGetTime = Date.prototype.getTime;
export const reSource = getter(RegExp.prototype, 'source');
export const reFlags = getter(RegExp.prototype, 'flags');
export const SAB: { prototype: object } | undefined =
  typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : undefined;
export const sabByteLength = SAB === undefined ? undefined : getter(SAB.prototype, 'byteLength');
export const errorIsError = (Error as unknown as { isError?: (v: unknown) => boolean }).isError;

export type TypedArrayCtor = new (
  buffer: ArrayBufferLike,
  byteOffset: number,
  length: number,
) => object;
export const taCtors: Record<string, TypedArrayCtor> = Object.create(null);
for (const name of TYPED_ARRAYS) {
  const ctor = (globalThis as Record<string, unknown>)[name];
  if (typeof ctor === 'function') taCtors[name] = ctor as TypedArrayCtor;
}

export const boxUnwrappers: ((this: unknown) => unknown)[] = [
  Number.prototype.valueOf,
  String.prototype.valueOf,
  Boolean.prototype.valueOf,
  Symbol.prototype.valueOf,
  BigInt.prototype.valueOf,
];
