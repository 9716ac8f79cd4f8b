import { fileURLToPath } from 'node:url';

/** What the two jest suites share: the vitest suite's 24 test files, as they are. */
export const jestShared = {
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  testMatch: ['<rootDir>/tests/*.spec.ts'],
  moduleNameMapper: {
    '^vitest$': '<rootDir>/jest/vitest.cjs',
    // The sources import each other as `./x.js`, as ES modules in TypeScript do.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
