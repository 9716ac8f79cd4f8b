import { defineConfig } from 'vitest/config';
import vimage from '@vimage/plugin/vite';
import { shared } from './vitest.shared.js';
import { options } from './vimage.options.mjs';

/**
 * Module isolation off, and every test in a fresh vnet: the vite adapter transforms the
 * example's modules, `@vimage/plugin/node` (registered by vimage.setup.ts) the date-fns modules
 * that Node loads, both with the same options; '@vimage/runtime/vitest' gives each test a vnet.
 */
export default defineConfig({
  ...shared,
  plugins: [vimage(options)],
  test: {
    ...shared.test,
    isolate: false,
    setupFiles: ['./vimage.setup.ts', '@vimage/runtime/vitest'],
    server: {
      deps: {
        // In this repository the plugin is a workspace link too: Node loads it, as once installed.
        external: [...shared.test.server.deps.external, /[\\/]plugin[\\/]dist[\\/]/],
      },
    },
  },
});
