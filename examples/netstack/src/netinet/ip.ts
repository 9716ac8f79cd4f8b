import { type Packet, if_byaddr, ifnet } from '../net/if';
import { rt_lookup } from '../net/route';
import { arp_learn } from '../net/arp';
import { pf_test } from '../netpfil/pf';
import { Tcp } from './tcp';

/** Sends a packet out of the interface the routing table chooses. */
export function ip_output(pkt: Packet): string {
  const route = rt_lookup(pkt.dst);
  const ifp = route && ifnet.get(route.ifname);
  if (!ifp?.output) return `no route to ${pkt.dst}`;
  ifp.opackets++;
  if (pkt.proto === 'tcp') Tcp.stat.sndpack++;
  ifp.output(pkt);
  return `sent via ${ifp.name}`;
}

/** A packet arrives from a wire: filter, count, learn the neighbour. */
export function ip_input(pkt: Packet, lladdr: string): void {
  const ifp = if_byaddr(pkt.dst);
  if (!ifp) return;
  ifp.ipackets++;
  arp_learn(pkt.src, lladdr);
  if (pf_test(pkt) === 'block') {
    Tcp.stat.drops++;
    return;
  }
  if (pkt.proto === 'tcp') Tcp.stat.rcvpack++;
}
