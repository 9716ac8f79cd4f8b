import { register } from '@vimage/plugin/node';
import { options } from './vimage.options.mjs';

// Before any test file imports date-fns, which vitest leaves to Node's loader: its modules are
// transformed by the hooks. vitest runs this again for every file (isolate: false); registering
// again with the same options does nothing.
register(options);
