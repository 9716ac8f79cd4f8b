import { withVnet, type Vnet } from '@vimage/runtime';
import { ifnet, type Packet } from './net/if';
import { ip_input } from './netinet/ip';

export interface End {
  vnet: Vnet;
  ifname: string;
  lladdr: string;
}

/**
 * A simulated cable between two interfaces, possibly in two stacks: what leaves one end
 * arrives at the other on the next turn of the event loop, inside the receiving stack.
 */
export function connect(a: End, b: End): void {
  plug(a, b);
  plug(b, a);
}

function plug(from: End, to: End): void {
  withVnet(from.vnet, () => {
    const ifp = ifnet.get(from.ifname);
    if (!ifp) throw new Error(`no interface ${from.ifname} in ${from.vnet.name}`);
    ifp.output = (pkt: Packet) => {
      setImmediate(() => withVnet(to.vnet, () => ip_input(pkt, from.lladdr)));
    };
  });
}
