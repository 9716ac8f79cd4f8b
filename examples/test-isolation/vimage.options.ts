import { fileURLToPath } from 'node:url';
import type { VimagePluginOptions } from '@vimage/plugin/vite';

/**
 * vimage's options for the vnet suite, shared by the vite plugin (the example's own modules) and
 * the Node hooks (date-fns, which Node loads): the marked state of src/state, and with
 * `virtualize` the unmarked registry and date-fns (whose setDefaultOptions keeps module state).
 */
export const options: VimagePluginOptions = {
  vimage: true,
  root: fileURLToPath(new URL('.', import.meta.url)),
  // node_modules, as by default, and vimage's own packages: in this repository they are workspace
  // links outside node_modules, whose exports the plugin would otherwise read.
  exclude: [/[\\/]node_modules[\\/]/, /[\\/](?:plugin|runtime|packages[\\/]\w+)[\\/]dist[\\/]/],
  virtualize: { include: ['**/src/registry.ts', '**/node_modules/date-fns/**'], objects: true },
};
