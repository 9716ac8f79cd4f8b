import { createUnplugin, type UnpluginContextMeta, type UnpluginOptions } from 'unplugin';
import type { VimageModuleMeta } from '@vimage/transform';
import { VimageCore } from './core/core.js';
import { genericHooks } from './core/generic.js';
import type { VimagePluginOptions } from './core/options.js';
import { esbuildHooks } from './esbuild.js';
import { rollupHooks } from './rollup.js';
import { viteHooks } from './vite.js';
import { fillLinkerSet, warnExposed } from './webpack-like.js';

/**
 * Every adapter of @vimage/plugin, made by unplugin from one factory over the bundler-neutral
 * core (`core/`). Webpack and rspack take unplugin's generic hooks (its loaders and virtual
 * modules) plus a compiler hook that fills the linker set. Rollup, rolldown, vite and esbuild
 * take host-specific hooks in unplugin's `rollup`/`rolldown`/`vite`/`esbuild` keys, each the
 * whole adapter, because each needs what the generic hooks do not give: rollup's resolveId
 * reuse and its renderChunk for the set (rolldown runs the same hooks), vite's dev server and
 * hot updates, esbuild's walk of the module graph for the set and its own error messages.
 */
export const vimageUnplugin = createUnplugin<VimagePluginOptions | undefined, false>(factory);

function factory(
  options: VimagePluginOptions | undefined,
  meta: UnpluginContextMeta,
): UnpluginOptions {
  const name = 'vimage';
  switch (meta.framework) {
    case 'rollup':
      return { name, rollup: rollupHooks(options) };
    case 'rolldown':
      // Rolldown runs rollup's hooks; its types give some hooks a narrower `this`.
      return { name, rolldown: rollupHooks(options) as UnpluginOptions['rolldown'] };
    case 'vite':
      return { name, vite: viteHooks(options) };
    case 'esbuild':
      return { name, esbuild: { setup: esbuildHooks(options).setup } };
    default: {
      const core = new VimageCore(options, meta.framework);
      const metas = new Map<string, VimageModuleMeta>();
      // 'pre': before the loader that strips TypeScript, so the transform sees comments and
      // original positions.
      return {
        name,
        enforce: 'pre',
        ...genericHooks(core, metas),
        webpack: (compiler) => {
          fillLinkerSet(compiler, core, metas);
          warnExposed(compiler, core, metas);
        },
        rspack: (compiler) => {
          fillLinkerSet(compiler, core, metas);
          warnExposed(compiler, core, metas);
        },
      };
    }
  }
}
