import { VNET_DEFINE } from '@vimage/runtime';
export let udp_blackhole = VNET_DEFINE(false);
