import type { WebpackPluginInstance } from 'webpack';
import { pluginConfig, type VimagePluginOptions } from './core/options.js';
import { vimageUnplugin } from './unplugin.js';

export type { VimagePluginOptions } from './core/options.js';

/**
 * `@vimage/plugin/webpack`, for `plugins: [vimage(options)]`. Its loader runs before the
 * configured ones (`enforce: 'pre'`), so it sees the TypeScript source; a loader that strips
 * types (ts-loader, babel-loader, esbuild-loader, ...) still has to be configured.
 */
export default function vimage(options?: VimagePluginOptions): WebpackPluginInstance {
  // unplugin makes the plugin when webpack applies it: the options are checked now, as everywhere.
  pluginConfig(options, 'webpack');
  return vimageUnplugin.webpack(options);
}
