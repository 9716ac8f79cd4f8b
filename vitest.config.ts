import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['runtime/test/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'plugin/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
