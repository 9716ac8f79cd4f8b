import { createCache } from './cache';
const defaults = { lang: 'en' };
const registry = {};
const cache = createCache();
const counter = { n: 0, bump() { this.n++; } };
const frozen = Object.freeze({ a: 1 });
export function setDefaults(o: object) {
  Object.assign(defaults, o);
}
export function register(k: string, v: unknown) {
  Reflect.set(registry, k, v);
}
export function get(k: string) {
  counter.bump();
  return [cache.lookup(k), frozen.a];
}
