import { vnet } from '@vimage/runtime';

/** TCP counters and tunables of one stack (V_tcpstat, V_tcp_sendspace). */
export class Tcp {
  @vnet static sendspace = 32768;
  @vnet static stat = { sndpack: 0, rcvpack: 0, drops: 0 };
}
