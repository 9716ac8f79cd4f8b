import { defineConfig } from 'vitest/config';
import vimage from '@vimage/plugin/vite';
import { root, shared } from './vitest.shared.js';

/**
 * Module isolation off, and every test in a fresh vnet: the vite adapter virtualizes the
 * marked state of src/state, and with `virtualize` the unmarked registry and date-fns (whose
 * setDefaultOptions keeps module state); '@vimage/runtime/vitest' gives each test a vnet.
 */
export default defineConfig({
  ...shared,
  plugins: [
    vimage({
      vimage: true,
      root,
      virtualize: { include: ['**/src/registry.ts', '**/node_modules/date-fns/**'], objects: true },
    }),
  ],
  test: {
    ...shared.test,
    isolate: false,
    setupFiles: ['@vimage/runtime/vitest'],
    // date-fns goes through vite (and so the plugin) instead of Node's own loader.
    server: { deps: { ...shared.test.server.deps, inline: ['date-fns'] } },
  },
});
