import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VimageModuleMeta } from '@vimage/transform';
import type { VimageCore } from './core/core.js';
import { placedWarningText } from './core/errors.js';
import { exposedByEntry } from './core/exposed.js';
import { definitions } from './core/graph.js';
import {
  LINKER_SET_ID,
  LINKER_SET_PLACEHOLDER,
  RESOLVED_LINKER_SET_ID,
  encodedLinkerSetRows,
  linkerSetRows,
} from './core/linker-set.js';

/** What webpack's and rspack's compilers share that the linker set needs. */
interface Source {
  source(): string | Buffer;
}
interface Replace {
  replace(start: number, end: number, text: string): void;
}
interface Compilation<S extends Source> {
  modules: Iterable<object>;
  warnings: Error[];
  getAssets(): readonly { name: string; source: S }[];
  updateAsset(name: string, update: (source: S) => S): void;
  hooks: {
    processAssets: { tapPromise(options: Stage, fn: () => Promise<void>): void };
    finishModules: { tapPromise(name: string, fn: () => Promise<void>): void };
  };
}
interface Stage {
  name: string;
  stage: number;
}
interface ModuleFactory {
  hooks: { beforeResolve: { tap(name: string, fn: (data: { request: string }) => void): void } };
}
type Resolved = (error: Error | null, result?: string | false) => void;
interface EntryOptions {
  import?: string[];
  library?: object;
}
interface WebpackLikeCompiler<S extends Source> {
  context: string;
  options: { entry: unknown; output: { library?: object } };
  resolverFactory: {
    get(
      type: 'normal',
      options: object,
    ): {
      resolve(context: object, dir: string, request: string, rc: object, done: Resolved): void;
    };
  };
  webpack: {
    Compilation: { PROCESS_ASSETS_STAGE_PRE_PROCESS: number };
    sources: { ReplaceSource: new (source: S) => S & Replace };
    WebpackError: new (message: string) => Error;
  };
  hooks: {
    thisCompilation: { tap(name: string, fn: (compilation: Compilation<S>) => void): void };
    normalModuleFactory: { tap(name: string, fn: (factory: ModuleFactory) => void): void };
  };
}

/**
 * `virtual:vimage/set` in webpack and rspack. Both read `virtual:` as a URI scheme they have no
 * reader for, before any resolver plugin sees it: the request becomes the resolved id, which
 * unplugin's resolver then serves as a virtual module. Modules are built in parallel and no
 * hook comes after the module graph is complete but before chunks are rendered, so the set
 * module is a placeholder (encodedLinkerSetModule) filled in the rendered chunks, before
 * minifiers and source-map tooling run, from every module of the compilation: the ones
 * transformed in this process from `metas`, the others (restored from a persistent cache) read
 * from their sources. A computed `import()` is a context module whose files are all there.
 */
export function fillLinkerSet<S extends Source>(
  compiler: WebpackLikeCompiler<S>,
  core: VimageCore,
  metas: Map<string, VimageModuleMeta>,
): void {
  const { Compilation, sources } = compiler.webpack;
  compiler.hooks.normalModuleFactory.tap('vimage', (factory) => {
    factory.hooks.beforeResolve.tap('vimage', (data) => {
      if (data.request === LINKER_SET_ID) data.request = RESOLVED_LINKER_SET_ID;
    });
  });
  compiler.hooks.thisCompilation.tap('vimage', (compilation) => {
    const stage = { name: 'vimage', stage: Compilation.PROCESS_ASSETS_STAGE_PRE_PROCESS };
    compilation.hooks.processAssets.tapPromise(stage, async () => {
      const holds = (a: { name: string; source: S }) =>
        /\.[cm]?js$/.test(a.name) && text(a.source).includes(LINKER_SET_PLACEHOLDER);
      const holders = compilation.getAssets().filter(holds);
      if (!holders.length) return;
      const program = await programMetas(compilation, core, metas);
      const rows = encodedLinkerSetRows(linkerSetRows(program.map(([, m]) => m)));
      for (const asset of holders) {
        const code = text(asset.source);
        compilation.updateAsset(asset.name, (source) => {
          const out = new sources.ReplaceSource(source);
          let at = code.indexOf(LINKER_SET_PLACEHOLDER);
          for (; at >= 0; at = code.indexOf(LINKER_SET_PLACEHOLDER, at + 1)) {
            out.replace(at, at + LINKER_SET_PLACEHOLDER.length - 1, rows);
          }
          return out;
        });
      }
    });
  });
}

/**
 * VIMAGE_W_EXPORT (core/exposed.ts) for a library build (`output.library`, or an entry's
 * `library`): only then does the bundle hand its entries' exports to code it does not contain.
 */
export function warnExposed<S extends Source>(
  compiler: WebpackLikeCompiler<S>,
  core: VimageCore,
  metas: Map<string, VimageModuleMeta>,
): void {
  compiler.hooks.thisCompilation.tap('vimage', (compilation) => {
    compilation.hooks.finishModules.tapPromise('vimage', async () => {
      const entries = libraryEntries(compiler);
      if (!entries.length || !core.config.transform.vimage) return;
      const resolver = compiler.resolverFactory.get('normal', { dependencyType: 'esm' });
      const resolveId = (source: string, importer: string) =>
        new Promise<string | null>((done) => {
          resolver.resolve({}, path.dirname(importer), source, {}, (e, r) =>
            done(e || !r ? null : r),
          );
        });
      const modules = await programMetas(compilation, core, metas);
      const start = path.join(compiler.context, 'index.js');
      for (const request of entries) {
        const file = await resolveId(request, start);
        if (!file) continue;
        const bundle = `the bundle of ${path.relative(compiler.context, file)}`;
        for (const w of await exposedByEntry(core, file, bundle, modules, resolveId)) {
          compilation.warnings.push(new compiler.webpack.WebpackError(placedWarningText(w)));
        }
      }
    });
  });
}

/** The requests of the entries whose exports a library build exports. */
function libraryEntries(compiler: {
  options: { entry: unknown; output: { library?: object } };
}): string[] {
  const { entry, output } = compiler.options;
  if (typeof entry !== 'object' || entry === null) return [];
  const all = Object.values(entry as Record<string, EntryOptions>);
  return all.filter((e) => output.library || e.library).flatMap((e) => e.import ?? []);
}

async function programMetas(
  compilation: Compilation<Source>,
  core: VimageCore,
  metas: Map<string, VimageModuleMeta>,
): Promise<[string, VimageModuleMeta][]> {
  const files = new Set<string>();
  for (const m of compilation.modules) {
    const resource = (m as { resource?: unknown }).resource;
    if (typeof resource === 'string' && core.filter(resource)) files.add(resource);
  }
  const read = (file: string) => readFile(file.replace(/[?#].*$/, ''), 'utf8').catch(() => '');
  const found = await Promise.all(
    [...files].map(async (file) => {
      const meta = metas.get(file) ?? (await definitions(core, await read(file), file));
      return meta ? [[file, meta] as [string, VimageModuleMeta]] : [];
    }),
  );
  return found.flat();
}

function text(source: Source): string {
  const s = source.source();
  return typeof s === 'string' ? s : s.toString('utf8');
}
