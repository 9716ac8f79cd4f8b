import { VNET_DEFINE, VNET_SYSINIT, VNET_SYSUNINIT, curvnet } from '@vimage/runtime';

export interface Ifnet {
  name: string;
  index: number;
  addr?: string;
  /** Where packets sent on this interface go: the wire it is plugged into. */
  output?: (pkt: Packet) => void;
  ipackets: number;
  opackets: number;
}

export interface Packet {
  src: string;
  dst: string;
  proto: 'tcp' | 'icmp';
  dport?: number;
  payload: string;
}

/** The interface list of this network stack (FreeBSD's V_ifnet). */
export const ifnet = VNET_DEFINE(new Map<string, Ifnet>());
/** The next interface index (V_if_index). */
export let if_index = VNET_DEFINE(1);

export function if_attach(name: string, addr?: string): Ifnet {
  const ifp: Ifnet = { name, index: if_index++, addr, ipackets: 0, opackets: 0 };
  ifnet.set(name, ifp);
  return ifp;
}

export function if_detach(name: string): Ifnet | undefined {
  const ifp = ifnet.get(name);
  ifnet.delete(name);
  return ifp;
}

export function if_byaddr(addr: string): Ifnet | undefined {
  for (const ifp of ifnet.values()) if (ifp.addr === addr) return ifp;
  return undefined;
}

// Every stack, the first one included, has its loopback interface from the start.
VNET_SYSINIT(() => {
  if_attach('lo0', '127.0.0.1');
}, 10);

VNET_SYSUNINIT(() => {
  console.log(`  [${curvnet().name}] detaching ${[...ifnet.keys()].join(', ')}`);
}, 10);
