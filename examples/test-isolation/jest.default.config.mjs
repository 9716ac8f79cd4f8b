import { jestShared } from './jest/shared.mjs';
import { options } from './vimage.options.mjs';

/**
 * jest's default: each test file in a module registry of its own. VIMAGE off, so the markers
 * are compiled away and the state is plain module globals, evaluated again for every file.
 */
export default {
  ...jestShared,
  transform: { '\\.[cm]?[jt]sx?$': ['@vimage/plugin/jest', { root: options.root }] },
};
