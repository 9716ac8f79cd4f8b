import { run, count, add } from './a';
import { lateRead } from './b';
add(5);
console.log(JSON.stringify({ run: run(), count, late: lateRead() }));
