import { readFile } from 'node:fs/promises';
import type { VimageModuleMeta } from '@vimage/transform';
import type { VimageCore } from './core/core.js';
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
  getAssets(): readonly { name: string; source: S }[];
  updateAsset(name: string, update: (source: S) => S): void;
  hooks: { processAssets: { tapPromise(options: Stage, fn: () => Promise<void>): void } };
}
interface Stage {
  name: string;
  stage: number;
}
interface ModuleFactory {
  hooks: { beforeResolve: { tap(name: string, fn: (data: { request: string }) => void): void } };
}
interface WebpackLikeCompiler<S extends Source> {
  webpack: {
    Compilation: { PROCESS_ASSETS_STAGE_PRE_PROCESS: number };
    sources: { ReplaceSource: new (source: S) => S & Replace };
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
      const rows = encodedLinkerSetRows(linkerSetRows(program));
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

async function programMetas(
  compilation: Compilation<Source>,
  core: VimageCore,
  metas: Map<string, VimageModuleMeta>,
): Promise<VimageModuleMeta[]> {
  const files = new Set<string>();
  for (const m of compilation.modules) {
    const resource = (m as { resource?: unknown }).resource;
    if (typeof resource === 'string' && core.filter(resource)) files.add(resource);
  }
  const read = (file: string) => readFile(file.replace(/[?#].*$/, ''), 'utf8').catch(() => '');
  const found = await Promise.all(
    [...files].map(async (file) => metas.get(file) ?? definitions(core, await read(file), file)),
  );
  return found.filter((m): m is VimageModuleMeta => !!m);
}

function text(source: Source): string {
  const s = source.source();
  return typeof s === 'string' ? s : s.toString('utf8');
}
