import set from 'virtual:vimage/set';
import { linkerSet } from '@vimage/runtime';
import './state';

// The build's copy kind beside the runtime's, for every global.
const live = new Map(linkerSet().map((r) => [r.symbol, r.copy]));
for (const row of set) console.log(`${row.name} ${row.copy} ${live.get(row.symbol)}`);
