import { fileURLToPath } from 'node:url';

/**
 * vimage's options for the vnet suites, shared by the vite plugin (the example's own modules),
 * the Node hooks (date-fns, which Node loads under vitest) and the jest transformer: the marked
 * state of src/state, and with `virtualize` the unmarked registry and date-fns (whose
 * setDefaultOptions keeps module state). JavaScript, so that jest's configuration can load it;
 * globs, not regexps, since jest hands transformer options to its workers as JSON.
 * @type {import('@vimage/plugin/vite').VimagePluginOptions}
 */
export const options = {
  vimage: true,
  root: fileURLToPath(new URL('.', import.meta.url)),
  // node_modules, as by default, and vimage's own packages: in this repository they are workspace
  // links outside node_modules, whose exports the plugin would otherwise read.
  exclude: [
    '**/node_modules/**',
    '**/plugin/dist/**',
    '**/runtime/dist/**',
    '**/packages/*/dist/**',
  ],
  virtualize: { include: ['**/src/registry.ts', '**/node_modules/date-fns/**'], objects: true },
};
