import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vimage from '@vimage/plugin/vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Each test in a fresh vnet: the vite adapter virtualizes the marked module state, and
 * vnet/setup.ts runs every test inside a new vnet, which the default asyncContext ('storage')
 * carries across vitest's own awaits between the setup and the test.
 */
export default defineConfig({
  root,
  plugins: [vimage({ vimage: true, root })],
  test: {
    include: ['vnet/**/*.spec.ts'],
    setupFiles: ['./vnet/setup.ts'],
    // In this repository @vimage/runtime is a workspace link, which vitest would inline (and
    // vi.resetModules re-evaluate); installed from npm it is under node_modules, so external.
    server: { deps: { external: [/[\\/]runtime[\\/]dist[\\/]/] } },
  },
});
