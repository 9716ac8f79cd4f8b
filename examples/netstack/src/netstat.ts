import { ifnet } from './net/if';
import { rt_table } from './net/route';
import { llentries } from './net/arp';
import { pf_rules } from './netpfil/pf';
import { Tcp } from './netinet/tcp';

/** `netstat -i -r` and friends for the current stack, one line each. */
export function netstat(): string[] {
  const ifs = [...ifnet.values()].map(
    (i) => `${i.name}#${i.index}${i.addr ? ` ${i.addr}` : ''} in=${i.ipackets} out=${i.opackets}`,
  );
  const routes = rt_table.map((r) => `${r.dst}/${r.prefix}>${r.ifname}`);
  const arp = [...llentries].map(([ip, ll]) => `${ip}@${ll}`);
  const rules = pf_rules.map(
    (r) =>
      `${r.action}${r.dport ? ` port ${r.dport}` : ' all'} matched ${r.matches}/${r.evaluations}`,
  );
  const t = Tcp.stat;
  return [
    `  interfaces: ${ifs.join(', ')}`,
    `  routes:     ${routes.join(', ')}`,
    `  arp:        ${arp.join(', ') || '-'}`,
    `  pf:         ${rules.join(', ') || '-'}`,
    `  tcp:        sendspace=${Tcp.sendspace} sent=${t.sndpack} received=${t.rcvpack} dropped=${t.drops}`,
  ];
}
