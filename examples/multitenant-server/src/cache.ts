import { VNET_DEFINE } from '@vimage/runtime';
import { config } from './config.js';

/** An LRU cache: a Map keeps insertion order, so the first key is the least recently used. */
const entries = VNET_DEFINE(new Map<string, unknown>());

export function cacheGet<T>(key: string): T | undefined {
  if (!entries.has(key)) return undefined;
  const value = entries.get(key) as T;
  entries.delete(key);
  entries.set(key, value);
  return value;
}

export function cachePut(key: string, value: unknown): void {
  entries.delete(key);
  entries.set(key, value);
  while (entries.size > config.cacheSize) entries.delete(entries.keys().next().value!);
}

export function cacheSize(): number {
  return entries.size;
}
