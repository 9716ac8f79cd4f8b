import { VNET_DEFINE } from '@vimage/runtime';

export interface TenantConfig {
  /** Shown in every response and stamped on the store's rows. */
  name: string;
  /** Token bucket: how many requests at once, and how many more per second. */
  burst: number;
  perSecond: number;
  /** LRU cache entries. */
  cacheSize: number;
  /** Latency of the fake store, in milliseconds. */
  storeLatencyMs: number;
}

/** The stack's configuration: plain module state, one copy per tenant once built with VIMAGE. */
export let config = VNET_DEFINE<TenantConfig>({
  name: 'shared',
  burst: 1e9,
  perSecond: 0,
  cacheSize: 64,
  storeLatencyMs: 1,
});

export function configure(next: Partial<TenantConfig>): void {
  config = { ...config, ...next };
}
