import { VNET_SYSINIT } from '@vimage/runtime';

export interface Route {
  dst: string;
  prefix: number;
  ifname: string;
}

/** The routing table (V_rt_tables), longest prefix first. */
/** @vnet */ export let rt_table: Route[] = [];

export function rt_add(dst: string, prefix: number, ifname: string): void {
  rt_table = [...rt_table, { dst, prefix, ifname }].sort((a, b) => b.prefix - a.prefix);
}

export function rt_lookup(ip: string): Route | undefined {
  return rt_table.find((r) => inPrefix(ip, r.dst, r.prefix));
}

function inPrefix(ip: string, net: string, prefix: number): boolean {
  const n = (s: string) => s.split('.').reduce((acc, octet) => (acc << 8) | Number(octet), 0) >>> 0;
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return (n(ip) & mask) === (n(net) & mask);
}

VNET_SYSINIT(() => rt_add('127.0.0.0', 8, 'lo0'), 20);
