import { jestShared } from './jest/shared.mjs';
import { options } from './vimage.options.mjs';

/**
 * The same registry per file, and every test in a vnet of its own (@vimage/runtime/jest), with
 * the vitest vnet suite's options. jest has no mode that shares modules between test files, so
 * the vnets add isolation between the tests of a file; they cannot save the per-file evaluation.
 */
export default {
  ...jestShared,
  transform: { '\\.[cm]?[jt]sx?$': ['@vimage/plugin/jest', options] },
  // date-fns too, which the options virtualize (jest loads its CommonJS build).
  transformIgnorePatterns: ['/node_modules/(?!date-fns/)'],
  setupFilesAfterEnv: ['@vimage/runtime/jest'],
};
