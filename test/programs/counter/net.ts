import { VNET_DEFINE, VNET_SYSINIT, vnet } from '@vimage/runtime';

export let packets = VNET_DEFINE(0);
/** @vnet */ export const ifnet: string[] = [];
export class Stats {
  @vnet static drops = 0;
  static drop() {
    this.drops++;
    return Stats.drops;
  }
}

VNET_SYSINIT(() => {
  ifnet.push('lo0');
});

export function send(n = 1) {
  packets += n;
  return packets++;
}
