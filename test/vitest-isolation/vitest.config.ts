import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vimage from '@vimage/plugin/vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * vitest runs its files through vite, so the vite adapter virtualizes the modules under test.
 * The default asyncContext ('storage') carries each test's vnet through vitest's own awaits,
 * which the plugin does not build; the runtime's vitest helper gives every test a vnet of its
 * own. Module isolation is off and one worker runs every file, so the files share one copy of
 * each module: only the vnets keep one test's state from the next.
 */
export default defineConfig({
  root,
  plugins: [vimage({ vimage: true, root })],
  test: {
    // .spec.ts, not .test.ts: the repository's own vitest run must not pick this suite up directly.
    include: ['*.spec.ts'],
    setupFiles: ['@vimage/runtime/vitest'],
    isolate: false,
    maxWorkers: 1,
  },
});
