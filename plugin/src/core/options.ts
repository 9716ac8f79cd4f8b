import { createFilter, type FilterPattern } from '@rollup/pluginutils';
import { resolveOptions, TransformError, type TransformOptions } from '@vimage/transform';

/** The options of every adapter: the core's, plus which files to process. */
export interface VimagePluginOptions extends Omit<TransformOptions, 'resolver'> {
  /** Files to process (globs or regexps, as @rollup/pluginutils). Default: TS and JS sources. */
  include?: FilterPattern;
  /** Files to leave alone. Default: anything under node_modules. */
  exclude?: FilterPattern;
  /** Automatic virtualization of unmarked code; not available yet, so setting it is refused. */
  virtualize?: never;
}

export interface PluginConfig {
  transform: Omit<TransformOptions, 'resolver'> & { root: string; runtimeModule: string };
  filter: (id: string) => boolean;
}

const DEFAULT_INCLUDE = /\.(?:[cm]?[jt]sx?)$/;
const DEFAULT_EXCLUDE = /[\\/]node_modules[\\/]/;

/** Validates once, when the plugin is made: a typo fails the build at start, naming the option. */
export function pluginConfig(options: VimagePluginOptions = {}, host: string): PluginConfig {
  const { include, exclude, virtualize, ...rest } = options;
  const resolved = resolveOptions(rest, `@vimage/plugin/${host}`);
  if (virtualize !== undefined) {
    throw new TransformError('VIMAGE_BAD_OPTION', `@vimage/plugin/${host}: option "virtualize" is not available in this version`, 'mark the globals with VNET_DEFINE, /** @vnet */ or @vnet instead');
  }
  const filter = createFilter(include ?? DEFAULT_INCLUDE, exclude ?? DEFAULT_EXCLUDE, { resolve: resolved.root });
  return {
    transform: { vimage: resolved.vimage, root: resolved.root, sourceMap: resolved.sourceMap, runtimeModule: resolved.runtimeModule, asyncContext: resolved.asyncContext },
    filter: (id) => !id.startsWith('\0') && filter(id.replace(/[?#].*$/, '')),
  };
}
