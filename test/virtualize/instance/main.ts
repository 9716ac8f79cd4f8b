import { createVnet, withVnet } from '@vimage/runtime';
import { parse, setOptions } from './lib/marked.js';

// A fresh vnet per case: each sets its options; the others keep theirs.
const a = createVnet('a');
withVnet(a, () => setOptions({ gfm: false }));
const b = createVnet('b');
withVnet(b, () => setOptions({ breaks: true }));
console.log('a', withVnet(a, () => parse('x')));
console.log('b', withVnet(b, () => parse('x')));
console.log('vnet0', parse('x'));
