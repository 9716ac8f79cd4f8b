import { packets, ifnet, send, Stats } from './net';
import * as net from './net';

const before = send(2);
const { packets: copied } = net;
console.log(JSON.stringify({ before, packets, ns: net.packets, copied, ifnet, drops: Stats.drop() }));
