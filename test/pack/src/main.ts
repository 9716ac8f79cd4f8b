import { createVnet, withVnet } from '@vimage/runtime';
import set from 'virtual:vimage/set';
import { packets, peers, receive } from './net';

// Two vnets: each has its own copy of the two globals of net.ts.
const a = createVnet('a');
const b = createVnet('b');
withVnet(a, () => {
  receive('x');
  receive('y');
});
withVnet(b, () => receive('z'));
const state = (name: string, v: typeof a) =>
  `${name}=${v.get('src/net.ts#packets')}/${[...(v.get('src/net.ts#peers') as Set<string>)]}`;
console.log(`${state('a', a)} ${state('b', b)} vnet0=${packets}/${[...peers]}`);
console.log(`set: ${set.map((row) => row.symbol).join(' ')}`);
