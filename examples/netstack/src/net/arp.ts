import { VNET_DEFINE } from '@vimage/runtime';

/** The neighbour cache (V_arptable): IPv4 address to link-layer address. */
export const llentries = VNET_DEFINE(new Map<string, string>());

export function arp_learn(ip: string, lladdr: string): void {
  llentries.set(ip, lladdr);
}
