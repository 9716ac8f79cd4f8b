import { cacheGet, cachePut, cacheSize } from './cache.js';
import { config } from './config.js';
import { take } from './limiter.js';
import { stats } from './stats.js';
import { fetchRow, storeReads, type Row } from './store.js';

export interface Reply {
  status: number;
  body: unknown;
}

/**
 * One tenant's request handling, written as if the process served one tenant: it reads and
 * writes module state freely, across awaits. The server runs it in the tenant's vnet.
 */
export async function handle(path: string): Promise<Reply> {
  if (path === '/stats') {
    const plan = { burst: config.burst, perSecond: config.perSecond };
    return {
      status: 200,
      body: { tenant: config.name, ...stats, cached: cacheSize(), storeReads: storeReads(), plan },
    };
  }
  const item = /^\/item\/(\w+)$/.exec(path);
  if (!item) return { status: 404, body: { error: `no route ${path}` } };
  stats.requests++;
  if (!take()) {
    stats.limited++;
    return { status: 429, body: { tenant: config.name, error: 'rate limited' } };
  }
  stats.allowed++;
  const key = `item:${item[1]}`;
  let row = cacheGet<Row>(key);
  const hit = row !== undefined;
  if (hit) stats.hits++;
  else {
    stats.misses++;
    row = await fetchRow(item[1]!);
    cachePut(key, row);
  }
  // A tick later, as a real handler would log or audit: still this tenant's state.
  await Promise.resolve();
  return { status: 200, body: { tenant: config.name, hit, row } };
}
