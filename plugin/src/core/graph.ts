import { readFile } from 'node:fs/promises';
import { importSources, transform, type VimageModuleMeta } from '@vimage/transform';
import type { ResolveId, VimageCore } from './core.js';

/** What a walk read of each file: given one, a walk parses a file again only when it changed. */
export type WalkMemo = Map<string, WalkedFile>;
interface WalkedFile {
  code: string;
  meta: VimageModuleMeta | undefined;
  sources: string[];
}

/**
 * The metadata of every module the filter accepts that the entries reach through imports,
 * re-exports, literal `import()` and `require()`: the linker set of a host that has no hook
 * after its module graph is complete (esbuild has no renderChunk, a dev server never holds the
 * whole graph). It is read from the sources, so it is the same whenever the host asks, even
 * before any module was transformed. A module reached only by a computed `import()` is not
 * found: hosts check at the end.
 */
export async function reachableMetas(
  core: VimageCore,
  entries: string[],
  resolveId: ResolveId,
  memo: WalkMemo = new Map(),
): Promise<Map<string, VimageModuleMeta>> {
  const metas = new Map<string, VimageModuleMeta>();
  const seen = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file) || !core.filter(file)) return;
    seen.add(file);
    const code = await readFile(file, 'utf8').catch(() => null);
    if (code === null) return void memo.delete(file);
    let known = memo.get(file);
    if (known?.code !== code) {
      const sources = importSources(code);
      known = { code, meta: definitions(core, code, file), sources: [...new Set(sources)] };
      memo.set(file, known);
    }
    if (known.meta) metas.set(file, known.meta);
    await Promise.all(
      known.sources.map(async (source) => {
        const id = await resolveId(source, file);
        if (id) await visit(id);
      }),
    );
  };
  await Promise.all(entries.map(visit));
  return metas;
}

/**
 * What the module defines (transform skips unmarked files unparsed; 'sync-only' so that no
 * re-reads of curvnet are placed for nothing). A module with a bad marker is left out here and
 * reported by its own transform.
 */
export function definitions(
  core: VimageCore,
  code: string,
  file: string,
): VimageModuleMeta | undefined {
  try {
    return transform(code, file, {
      ...core.config.optionsFor(file),
      sourceMap: false,
      asyncContext: 'sync-only',
    })?.meta;
  } catch {
    return undefined;
  }
}
