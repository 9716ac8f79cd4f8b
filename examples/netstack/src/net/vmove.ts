import { withVnet, type Vnet } from '@vimage/runtime';
import { if_attach, if_detach, ifnet, if_index } from './if';

/**
 * Moves an interface from the current vnet into `to`, as FreeBSD's if_vmove(): detach here,
 * re-attach there with that stack's next index. Counters travel with the interface.
 */
export function if_vmove(name: string, to: Vnet): void {
  const ifp = if_detach(name);
  if (!ifp) throw new Error(`if_vmove: no interface ${name}`);
  withVnet(to, () => {
    const moved = if_attach(ifp.name, ifp.addr);
    Object.assign(moved, { ipackets: ifp.ipackets, opackets: ifp.opackets, index: moved.index });
  });
}

export { ifnet, if_index };
