import type { RspackPluginInstance } from '@rspack/core';
import { pluginConfig, type VimagePluginOptions } from './core/options.js';
import { vimageUnplugin } from './unplugin.js';

export type { VimagePluginOptions } from './core/options.js';

/**
 * `@vimage/plugin/rspack`, for `plugins: [vimage(options)]`. Its loader runs before the
 * configured ones (`enforce: 'pre'`), so it sees the TypeScript source before
 * `builtin:swc-loader` strips the types.
 */
export default function vimage(options?: VimagePluginOptions): RspackPluginInstance {
  // unplugin makes the plugin when rspack applies it: the options are checked now, as everywhere.
  pluginConfig(options, 'rspack');
  return vimageUnplugin.rspack(options);
}
