import { createFilter, type FilterPattern } from '@rollup/pluginutils';
import {
  SOURCE_EXTENSION,
  TransformError,
  checkPattern,
  cleanId,
  errors,
  isDeclarationFile,
  optionsObject,
  resolveOptions,
  type TransformOptions,
} from '@vimage/transform';

/** The options of every adapter: the core's, plus which files to process. */
export interface VimagePluginOptions extends Omit<TransformOptions, 'resolver'> {
  /** Files to process (globs or regexps, as @rollup/pluginutils). Default: TS and JS sources. */
  include?: FilterPattern;
  /** Files to leave alone. Default: anything under node_modules. */
  exclude?: FilterPattern;
  /**
   * Automatic virtualization of unmarked code, for libraries that keep global state: the files
   * selected by `include` (node_modules too) get every module-level `let`/`var` they reassign
   * virtualized, and with `objects: true` every module-level binding whose object they mutate.
   */
  virtualize?: { include?: FilterPattern; exclude?: FilterPattern; objects?: boolean };
  /**
   * The transform cache (core/cache.ts): a folder (relative to the root) for each module's output,
   * kept between runs and keyed on everything the output depends on; `false` turns it off.
   * Default: `node_modules/.cache/vimage` under the root, when the root has a `node_modules`.
   */
  cache?: boolean | string;
}

type CoreOptions = Omit<TransformOptions, 'resolver'> & { root: string; runtimeModule: string };

export interface PluginConfig {
  transform: CoreOptions;
  /** The core's options for one file: `virtualize` only where its include selects the file. */
  optionsFor: (id: string) => CoreOptions;
  filter: (id: string) => boolean;
  /** The options as one text: what a cached output was made with. */
  settings: string;
}

const DEFAULT_EXCLUDE = /[\\/]node_modules[\\/]/;

/** Validates once, when the plugin is made: a typo fails the build at start, naming the option. */
export function pluginConfig(options: VimagePluginOptions | undefined, host: string): PluginConfig {
  const where = `@vimage/plugin/${host}`;
  const { virtualize, ...rest } = optionsObject(options, where);
  // The core validates everything but `virtualize`, whose plugin form names files.
  const resolved = resolveOptions(rest, where);
  const { include, exclude, cache } = rest;
  if (cache !== undefined && typeof cache !== 'boolean' && typeof cache !== 'string') {
    throw new TransformError(
      errors.optionType(where, 'cache', 'boolean or a folder', typeof cache),
    );
  }
  const auto = virtualizeFilter(virtualize, resolved.root, host);
  const filter = createFilter(include ?? SOURCE_EXTENSION, exclude ?? DEFAULT_EXCLUDE, {
    resolve: resolved.root,
  });
  const transform: CoreOptions = {
    vimage: resolved.vimage,
    root: resolved.root,
    sourceMap: resolved.sourceMap,
    runtimeModule: resolved.runtimeModule,
    asyncContext: resolved.asyncContext,
  };
  const withAuto: CoreOptions = {
    ...transform,
    virtualize: { objects: virtualize?.objects ?? false },
  };
  const patterns = (_: string, v: unknown) => (v instanceof RegExp ? String(v) : v);
  return {
    transform,
    settings: JSON.stringify([transform, include, exclude, virtualize], patterns),
    optionsFor: (id) => (auto(cleanId(id)) ? withAuto : transform),
    // A declaration file holds types only, whatever include selects.
    filter: (id) => {
      const file = cleanId(id);
      return !id.startsWith('\0') && !isDeclarationFile(file) && (filter(file) || auto(file));
    },
  };
}

function virtualizeFilter(
  v: VimagePluginOptions['virtualize'],
  root: string,
  host: string,
): (id: string) => boolean {
  if (v === undefined) return () => false;
  const bad =
    typeof v !== 'object' ||
    v === null ||
    Object.keys(v).some((k) => !['include', 'exclude', 'objects'].includes(k));
  if (
    bad ||
    (v.objects !== undefined && typeof v.objects !== 'boolean') ||
    v.include === undefined
  ) {
    const where = `@vimage/plugin/${host}`;
    throw new TransformError(errors.badPluginVirtualize(where, JSON.stringify(v)));
  }
  checkPattern(v.include, 'virtualize.include', `@vimage/plugin/${host}`);
  checkPattern(v.exclude, 'virtualize.exclude', `@vimage/plugin/${host}`);
  return createFilter(v.include, v.exclude, { resolve: root });
}
