import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vimage from '@vimage/plugin/vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * vitest runs its files through vite, so the vite adapter virtualizes the modules under test.
 * The default asyncContext ('storage') carries each test's vnet through vitest's own awaits,
 * which the plugin does not build; setup.ts gives every test a vnet of its own.
 */
export default defineConfig({
  root,
  plugins: [vimage({ vimage: true, root })],
  test: {
    // .spec.ts, not .test.ts: the repository's own vitest run must not pick this suite up directly.
    include: ['**/*.spec.ts'],
    setupFiles: ['./setup.ts'],
  },
});
