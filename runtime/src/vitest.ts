/**
 * `@vimage/runtime/vitest`: every test gets a fresh vnet, created before it and destroyed
 * after it. In a vitest config, `test: { setupFiles: ['@vimage/runtime/vitest'] }` (vitest
 * evaluates setup files again for every test file, with `isolate: false` too); or
 * `import '@vimage/runtime/vitest'` at the top of a test file under per-file isolation.
 */
import * as vitest from 'vitest';
import { vnetPerTest, type TestHooks } from './test-vnet.js';

// A namespace import: on vitest before 4.1 `aroundEach` is missing, not a link error.
vnetPerTest(vitest as unknown as TestHooks);

export { inVnet, vnetPerTest, type TestContextLike, type TestHooks } from './test-vnet.js';
