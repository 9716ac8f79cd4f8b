import { createVnet, withVnet } from '@vimage/runtime';
import { api } from './lib/api.js';
import dayjs from './lib/day.js';
import { take } from './lib/pool.js';

// A fresh vnet per case, as a test suite would run them. What the warnings are about: values
// hung at import time on functions every vnet shares, so writes through them reach vnet0.
const a = createVnet('a');
withVnet(a, () => dayjs.locale('fr', { name: 'fr' }));
console.log('a', withVnet(a, () => dayjs()), 'vnet0', dayjs(), '| a finds fr in dayjs.Ls:', withVnet(a, () => 'fr' in dayjs.Ls));
const b = createVnet('b');
withVnet(b, () => { (api.opts as { lang: string }).lang = 'de'; });
console.log('b wrote api.opts.lang; vnet0 reads', api());
withVnet(b, () => take());
console.log('b took one; vnet0 takes', take());
