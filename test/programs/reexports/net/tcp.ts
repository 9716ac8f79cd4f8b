import { VNET_DEFINE } from '@vimage/runtime';
export let tcp_sendspace = VNET_DEFINE(32768);
export const tcbinfo = VNET_DEFINE(new Map<number, string>());
export function tcp_connect(port: number) {
  tcbinfo.set(port, 'SYN_SENT');
  return tcbinfo.size;
}
