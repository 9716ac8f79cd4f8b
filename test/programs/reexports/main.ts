import { tcp_sendspace, tcp_connect, blackhole, udp, tcbinfo } from './net/index';
import * as net from './net/index';
import { tcp_sendspace as renamed } from './net/tcp';

function tune() {
  net.udp.udp_blackhole = true as never; // a write through a namespace throws, as in plain ESM
}
let threw = false;
try { tune(); } catch { threw = true; }
tcp_connect(80);
console.log(JSON.stringify({ tcp_sendspace, renamed, blackhole, nested: udp.udp_blackhole, viaNs: net.tcp_sendspace, size: tcbinfo.size, threw }));
