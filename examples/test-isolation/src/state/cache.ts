import { VNET_DEFINE } from '@vimage/runtime';

/** A memo cache with hit and miss counters, as services keep for computed listings. */
const entries = VNET_DEFINE(new Map<string, unknown>());
const stats = VNET_DEFINE({ hits: 0, misses: 0 });

export function cached<T>(key: string, compute: () => T): T {
  if (entries.has(key)) {
    stats.hits++;
    return entries.get(key) as T;
  }
  stats.misses++;
  const value = compute();
  entries.set(key, value);
  return value;
}

export function cacheStats(): { hits: number; misses: number; size: number } {
  return { ...stats, size: entries.size };
}
