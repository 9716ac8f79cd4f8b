import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The same tests the usual way: no plugin, and each test re-imports the modules
 * (reset/modules.ts). @vimage/runtime is kept external as in vitest.vnet.config.ts.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: { include: ['reset/**/*.spec.ts'], server: { deps: { external: [/[\\/]runtime[\\/]dist[\\/]/] } } },
});
