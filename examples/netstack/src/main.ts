import { createVnet, vnet0, VimageOffError, withVnet, type Vnet } from '@vimage/runtime';
import { if_attach } from './net/if';
import { rt_add } from './net/route';
import { if_vmove } from './net/vmove';
import { pf_add } from './netpfil/pf';
import { ip_output } from './netinet/ip';
import { Tcp } from './netinet/tcp';
import { connect } from './wire';
import { netstat } from './netstat';

interface Jail {
  name: string;
  vnet: Vnet;
}

/** A jail with its own network stack; built without VIMAGE there is one stack, which every jail shares. */
function jail(name: string): Jail {
  try {
    return { name, vnet: createVnet(name) };
  } catch (error) {
    if (error instanceof VimageOffError) return { name, vnet: vnet0 };
    throw error;
  }
}

const sleep = () => new Promise((r) => setTimeout(r, 1));

// The host's own interfaces, attached while the program boots (in vnet0).
if_attach('em0', '192.0.2.10');
if_attach('em1');
rt_add('192.0.2.0', 24, 'em0');

const web = jail('web');
const db = jail('db');
const stacks = new Set([vnet0, web.vnet, db.vnet]).size;
console.log(`${stacks} network stack${stacks > 1 ? 's' : ''} for host, web and db`);

withVnet(web.vnet, () => {
  if_attach('epair0a', '10.0.0.1');
  rt_add('10.0.0.0', 24, 'epair0a');
  Tcp.sendspace = 65536;
});
withVnet(db.vnet, () => {
  if_attach('epair0b', '10.0.0.2');
  rt_add('10.0.0.0', 24, 'epair0b');
  pf_add('pass');
  pf_add('block', 23);
});
connect(
  { vnet: web.vnet, ifname: 'epair0a', lladdr: '02:00:00:00:00:0a' },
  { vnet: db.vnet, ifname: 'epair0b', lladdr: '02:00:00:00:00:0b' },
);

// web talks to db: two connections to port 80, one to telnet, each after an await.
await withVnet(web.vnet, async () => {
  for (const dport of [80, 80, 23]) {
    await sleep();
    ip_output({ src: '10.0.0.1', dst: '10.0.0.2', proto: 'tcp', dport, payload: 'SYN' });
  }
});
await sleep();

// Hand the host's spare NIC to the web jail (ifconfig em1 vnet web).
if_vmove('em1', web.vnet);

for (const [label, v] of [
  ['host', vnet0],
  ['web', web.vnet],
  ['db', db.vnet],
] as const) {
  console.log(`${label} (vnet ${v.name}):`);
  for (const line of withVnet(v, netstat)) console.log(line);
}

for (const j of [web, db]) if (j.vnet !== vnet0) j.vnet.destroy();
