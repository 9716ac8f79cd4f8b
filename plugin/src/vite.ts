import path from 'node:path';
import type {
  EnvironmentModuleGraph,
  EnvironmentModuleNode,
  Plugin,
  Rollup,
  ViteDevServer,
} from 'vite';
import { TransformError, cleanId, isCommonJsFile, mayExportVirtualized } from '@vimage/transform';
import { VimageCore } from './core/core.js';
import { toRollupError } from './core/errors.js';
import { LINKER_SET_ID, RESOLVED_LINKER_SET_ID, linkerSetModule } from './core/linker-set.js';
import type { VimagePluginOptions } from './core/options.js';
import { Resolutions } from './core/resolutions.js';
import { DevLinkerSet } from './core/scan.js';
import { rollupHooks } from './rollup.js';
import { vimageUnplugin } from './unplugin.js';

export type { VimagePluginOptions } from './core/options.js';

/**
 * `@vimage/plugin/vite`: `vite build` and the dev server (vitest included). It runs before
 * vite's own TypeScript step (`enforce: 'pre'`), so it sees `/** @vnet *\/` and the original
 * positions. See plugin/README.md for what a hot update does to live vnets.
 */
export default function vimage(options?: VimagePluginOptions): Plugin {
  return vimageUnplugin.vite(options);
}

/** The hooks of vite, behind the factory's `vite` key. */
export function viteHooks(options?: VimagePluginOptions): Plugin {
  const core = new VimageCore(options, 'vite');
  // `vite build` runs rollup: the rollup adapter fills the linker set once the graph is complete.
  const { renderChunk, generateBundle } = rollupHooks(options);
  let dev = false;
  const devSet = new DevLinkerSet(core);
  let server: ViteDevServer | undefined;
  /** Files whose last change changed the linker set: their hot update carries the set too. */
  const setChangedBy = new Set<string>();
  /** Files served last with text that may export virtualized globals (see mayExportVirtualized). */
  const exportsVirtualized = new Set<string>();
  /** `vite build` only: a dev server resolves lazily, while files come and go. */
  const resolutions = new Resolutions<Rollup.ResolvedId>(core.config.transform.runtimeModule);

  return {
    name: 'vimage',
    enforce: 'pre',
    ...vitestHooks(core),

    configResolved(config) {
      dev = config.command === 'serve';
      if (!dev && !config.build.sourcemap) core.hostWritesNoSourceMaps();
    },

    buildStart() {
      core.reset();
      resolutions.clear();
    },

    configureServer(devServer) {
      server = devServer;
    },

    async watchChange(id) {
      // A module's virtualized exports come from its re-exports too: forget them all.
      core.reset();
      const changed = await devSet.update(id);
      if (!changed.length) return void setChangedBy.delete(path.resolve(id));
      setChangedBy.add(path.resolve(id));
      // Served fresh on the next request, with or without hot updates.
      for (const name of changed) {
        const graph = server?.environments[name]?.moduleGraph;
        const set = graph?.getModuleById(RESOLVED_LINKER_SET_ID);
        if (set) graph!.invalidateModule(set);
      }
    },

    async hotUpdate({ file, modules, read }) {
      // Vite re-runs only the import rewriting of importers on the update's path ("soft"
      // invalidation); after a change to what a file exports that is virtualized, their
      // accesses must be rewritten again: a full transform for them.
      const mayExport =
        exportsVirtualized.has(file) ||
        mayExportVirtualized(await read(), core.config.optionsFor(file));
      if (mayExport)
        for (const m of onUpdatePath(modules)) this.environment.moduleGraph.invalidateModule(m);
      // Importers of the set take part in the hot update of a file that changed it.
      const set =
        setChangedBy.has(path.resolve(file)) &&
        this.environment.moduleGraph.getModuleById(RESOLVED_LINKER_SET_ID);
      return set ? [...modules, set] : undefined;
    },

    resolveId(source, importer, options) {
      if (source === LINKER_SET_ID) return RESOLVED_LINKER_SET_ID;
      return dev
        ? null
        : resolutions.answer(source, importer, options, (s, i) =>
            this.resolve(s, i, { skipSelf: true }),
          );
    },

    async load(id) {
      if (id !== RESOLVED_LINKER_SET_ID) return null;
      const graph = dev && server?.environments[this.environment.name]?.moduleGraph;
      if (!graph) return linkerSetModule();
      // A dev server never has the whole graph: the set is walked from its entries' sources.
      const resolveId = async (source: string, importer: string) => {
        const r = await this.resolve(source, importer, { skipSelf: true });
        return r && !r.external ? cleanId(r.id) : undefined;
      };
      const entries = () => entriesOf(graph);
      const rows = await devSet.rows(this.environment.name, { entries, resolveId });
      return linkerSetModule(rows);
    },

    async transform(code, id) {
      if (!core.filter(id)) return null;
      try {
        const resolve = (source: string, importer: string) =>
          this.resolve(source, importer, { skipSelf: true });
        const result = await core.transform(code, id, async (source, importer) =>
          dev ? (await resolve(source, importer))?.id : resolutions.idOf(source, importer, resolve),
        );
        if (dev && mayExportVirtualized(code, core.config.optionsFor(id)))
          exportsVirtualized.add(cleanId(id));
        else exportsVirtualized.delete(cleanId(id));
        if (!result) return null;
        for (const w of result.warnings)
          this.warn({ code: w.code, message: w.message, id, loc: w.loc, frame: w.frame });
        // CommonJS has no import.meta.hot, and an appended import would make it a module.
        const hot =
          dev && core.config.transform.vimage && !isCommonJsFile(cleanId(id))
            ? hotDispose(result.code, result.meta.module, core.config.transform.runtimeModule)
            : '';
        return { code: result.code + hot, map: result.map, meta: { vimage: result.meta } };
      } catch (error) {
        if (error instanceof TransformError) {
          const log = toRollupError(error, id);
          // An Error, not a plain object: vite's dev server prints its stack, keeps loc and frame.
          this.error(Object.assign(new Error(log.message), log));
        }
        throw error;
      }
    },

    // vite 8 bundles with rolldown, whose context type is not rollup's; the hook needs only
    // what both have.
    renderChunk: renderChunk as Plugin['renderChunk'],
    // A library build's entry chunks: automatic globals they export (see core/exposed.ts).
    generateBundle: generateBundle as Plugin['generateBundle'],
  };
}

/** What of vitest's plugin context the hook below reads (vitest 4.1; older versions lack it). */
interface VitestContext {
  experimental_defineCacheKeyGenerator?: (key: (c: { id: string }) => false | undefined) => void;
}

/**
 * vitest's `experimental.fsModuleCache` keys a module's output on its own text and the config,
 * while the plugin's output also depends on what the module's imports export: an importer served
 * from that cache after an import started exporting a `VNET_DEFINE` would read vnet0's value. The
 * modules the plugin processes are left out of it (the plugin's own cache keys them fully).
 */
function vitestHooks(core: VimageCore): Pick<Plugin, never> {
  return {
    configureVitest(context: VitestContext) {
      context.experimental_defineCacheKeyGenerator?.(({ id }) =>
        core.filter(id) ? false : undefined,
      );
    },
  } as Pick<Plugin, never>;
}

/**
 * FreeBSD unloads a module before loading its new version: before a hot update replaces this
 * module, the runtime runs its VNET_SYSUNINITs in every live vnet and forgets its handlers
 * and globals; the new version then defines fresh ones in every vnet. Appended after the
 * last line, so the source map of the lines above is unchanged.
 */
function hotDispose(code: string, module: string, runtimeModule: string): string {
  let name = '__vimage_hot';
  for (let i = 1; code.includes(name); i++) name = `__vimage_hot$${i}`;
  return (
    `\nimport { __vimage as ${name} } from ${JSON.stringify(runtimeModule)};` +
    '\nif (import.meta.hot) ' +
    `import.meta.hot.dispose(() => ${name}.unload(${JSON.stringify(module)}));\n`
  );
}

/** The files of the modules nothing imports (yet): the entries of a dev server's graph. */
function entriesOf(graph: EnvironmentModuleGraph): string[] {
  const modules = [...graph.idToModuleMap.values()];
  const entries = modules.filter((m) => !m.importers.size && !m.id?.startsWith('\0'));
  return entries.flatMap((m) => (m.file ? [m.file] : []));
}

/**
 * The importers vite invalidates for an update of `modules`: up to, not past, those that accept it.
 */
function onUpdatePath(modules: readonly EnvironmentModuleNode[]): Set<EnvironmentModuleNode> {
  const found = new Set<EnvironmentModuleNode>();
  const visit = (m: EnvironmentModuleNode): void => {
    for (const importer of m.importers) {
      if (importer.acceptedHmrDeps.has(m) || found.has(importer)) continue;
      found.add(importer);
      visit(importer);
    }
  };
  modules.forEach(visit);
  return found;
}
