import type { Plugin } from 'rolldown';
import type { VimagePluginOptions } from './core/options.js';
import { vimageUnplugin } from './unplugin.js';

export type { VimagePluginOptions } from './core/options.js';

/**
 * `@vimage/plugin/rolldown`: the rollup adapter's hooks, which rolldown runs as rollup does
 * (the set filled in `renderChunk` from every module's `meta.vimage`). Put it before the
 * plugins that transform TypeScript; rolldown's own TypeScript step runs after every plugin.
 */
export default function vimage(options?: VimagePluginOptions): Plugin {
  return vimageUnplugin.rolldown(options);
}
