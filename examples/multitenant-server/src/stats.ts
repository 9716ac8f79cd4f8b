import { VNET_DEFINE } from '@vimage/runtime';

/** Request counters, as a monitoring endpoint reports them. */
export const stats = VNET_DEFINE({ requests: 0, allowed: 0, limited: 0, hits: 0, misses: 0 });
