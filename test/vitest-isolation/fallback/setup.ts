// vitest before 4.1 as the helper sees it: no aroundEach. The helper's own module, without the
// '@vimage/runtime/vitest' entry (which would register vitest 4.1's aroundEach as well).
import { afterEach } from 'vitest';
import { vnetPerTest } from '../../../runtime/dist/test-vnet.js';

vnetPerTest({ afterEach });
