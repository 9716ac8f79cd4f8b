import { VNET_DEFINE } from '@vimage/runtime';

export let packets = VNET_DEFINE(0);
/** @vnet */ export const peers = new Set<string>();

export function receive(from: string): number {
  peers.add(from);
  return ++packets;
}
