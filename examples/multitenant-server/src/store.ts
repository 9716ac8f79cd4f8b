import { VNET_DEFINE } from '@vimage/runtime';
import { config } from './config.js';

export interface Row {
  id: string;
  /** The tenant whose store made the row: a row of another tenant in a response is a leak. */
  owner: string;
  version: number;
}

/** A fake database: rows appear on first read, after a delay like a network round trip. */
const rows = VNET_DEFINE(new Map<string, Row>());
let reads = VNET_DEFINE(0);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function fetchRow(id: string): Promise<Row> {
  await sleep(config.storeLatencyMs);
  reads++;
  let row = rows.get(id);
  if (!row) rows.set(id, (row = { id, owner: config.name, version: reads }));
  return row;
}

export function storeReads(): number {
  return reads;
}
