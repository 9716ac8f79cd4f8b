import { report } from './a';
import { early } from './b';

console.log(JSON.stringify({ a: report(), b: early }));
