import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vimage from '@vimage/plugin/vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The helper's fallback for vitest before 4.1 (no aroundEach): tests wrapped with inVnet. */
export default defineConfig({
  root,
  plugins: [vimage({ vimage: true, root })],
  test: { include: ['fallback/*.spec.ts'], setupFiles: ['./fallback/setup.ts'] },
});
