import { createVnet, withVnet } from '@vimage/runtime';
import { uniqueId } from 'lodash-es';

const a = createVnet('a');
const b = createVnet('b');
const ids = (n: number) => Array.from({ length: n }, () => uniqueId('id_')).join(',');
console.log('vnet0', ids(2));
console.log('a', withVnet(a, () => ids(3)));
console.log('b', withVnet(b, () => ids(1)));
console.log('a again', withVnet(a, () => ids(1)));
console.log('vnet0 again', ids(1));
