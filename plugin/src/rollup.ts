import MagicString from 'magic-string';
import type { Plugin, PluginContext, ResolvedId } from 'rollup';
import { TransformError, tokenMap, type VimageModuleMeta } from '@vimage/transform';
import { loadHookCompilerWarning } from './core/compiled.js';
import { VimageCore } from './core/core.js';
import { toRollupError } from './core/errors.js';
import {
  LINKER_SET_ID,
  LINKER_SET_PLACEHOLDER,
  RESOLVED_LINKER_SET_ID,
  linkerSetRows,
} from './core/linker-set.js';
import { linkerSetModule } from './core/linker-set.js';
import type { VimagePluginOptions } from './core/options.js';
import { Resolutions } from './core/resolutions.js';
import { exposedAutoGlobals } from './core/exposed.js';
import { vimageUnplugin } from './unplugin.js';

export type { VimagePluginOptions } from './core/options.js';
export { toRollupError } from './core/errors.js';

/**
 * `@vimage/plugin/rollup`. Put it before the plugin that strips TypeScript, so it sees the
 * `/** @vnet *\/` comments and the original positions.
 */
export default function vimage(options?: VimagePluginOptions): Plugin {
  return vimageUnplugin.rollup(options);
}

/** The hooks of rollup and rolldown, behind the factory's `rollup` and `rolldown` keys. */
export function rollupHooks(options?: VimagePluginOptions): Plugin {
  const core = new VimageCore(options, 'rollup');
  const resolutions = new Resolutions<ResolvedId>(core.config.transform.runtimeModule);
  return {
    name: 'vimage',

    buildStart({ plugins }) {
      core.reset();
      resolutions.clear();
      const compiler = loadHookCompilerWarning(plugins);
      if (compiler) this.warn({ code: 'VIMAGE_COMPILED_INPUT', message: compiler });
    },

    watchChange(id) {
      core.invalidate(id);
    },

    resolveId: {
      // First, so that an import the transform already resolved is not resolved again.
      order: 'pre',
      handler(source, importer, options) {
        if (source === LINKER_SET_ID) return RESOLVED_LINKER_SET_ID;
        return resolutions.answer(source, importer, options, (s, i) =>
          this.resolve(s, i, { skipSelf: true }),
        );
      },
    },

    load(id) {
      return id === RESOLVED_LINKER_SET_ID ? linkerSetModule() : null;
    },

    async transform(code, id) {
      if (!core.filter(id)) return null;
      try {
        const result = await core.transform(code, id, (source, importer) =>
          resolutions.idOf(source, importer, (s, i) => this.resolve(s, i, { skipSelf: true })),
        );
        if (!result) return null;
        for (const w of result.warnings)
          this.warn({ code: w.code, message: w.message, id, loc: w.loc, frame: w.frame });
        return { code: result.code, map: result.map, meta: { vimage: result.meta } };
      } catch (error) {
        if (error instanceof TransformError) this.error(toRollupError(error, id));
        throw error;
      }
    },

    async generateBundle(_options, bundle) {
      if (!core.config.transform.vimage) return;
      const modules = [...metasById(this)];
      if (!modules.some(([, m]) => m.defines.some((d) => d.form === 'auto'))) return;
      const resolveId = (s: string, i: string) =>
        resolutions.idOf(s, i, (x, y) => this.resolve(x, y, { skipSelf: true }));
      for (const chunk of Object.values(bundle)) {
        if (
          chunk.type !== 'chunk' ||
          !chunk.isEntry ||
          !chunk.facadeModuleId ||
          !chunk.exports.length
        )
          continue;
        const exports = await core.exportsOfFile(chunk.facadeModuleId, resolveId);
        for (const w of exposedAutoGlobals(chunk.fileName, chunk.exports, exports, modules))
          this.warn({ code: w.code, message: w.message, id: w.id, loc: w.loc, frame: w.frame });
      }
    },

    renderChunk(code, chunk) {
      if (!chunk.moduleIds.includes(RESOLVED_LINKER_SET_ID)) return null;
      const at = code.indexOf(JSON.stringify(LINKER_SET_PLACEHOLDER));
      if (at < 0) return null;
      const rows = linkerSetRows(metas(this));
      const ms = new MagicString(code);
      ms.overwrite(
        at,
        at + LINKER_SET_PLACEHOLDER.length + 2,
        JSON.stringify(JSON.stringify(rows)),
      );
      return { code: ms.toString(), map: tokenMap(ms, code) };
    },
  };
}

function* metasById(ctx: PluginContext): Iterable<[string, VimageModuleMeta]> {
  for (const id of ctx.getModuleIds()) {
    const meta = ctx.getModuleInfo(id)?.meta?.vimage as VimageModuleMeta | undefined;
    if (meta) yield [id, meta];
  }
}

function* metas(ctx: PluginContext): Iterable<VimageModuleMeta> {
  for (const [, meta] of metasById(ctx)) yield meta;
}
