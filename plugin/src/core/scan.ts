import path from 'node:path';
import type { ResolveId, VimageCore } from './core.js';
import { reachableMetas, type WalkMemo } from './graph.js';
import { linkerSetRows, type LinkerSetRow } from './linker-set.js';

/** One module graph of a dev server (vite has one per environment: client, ssr). */
export interface DevGraph {
  /** The modules nothing imports yet: the page's scripts, what a module runner imported. */
  entries(): string[];
  resolveId: ResolveId;
}

/**
 * The linker set of a dev server. A build's set is every module of its graph; a dev server
 * transforms lazily and never holds the whole graph, so the same set is read from the sources:
 * a walk from the graph's entries through imports, re-exports and literal `import()`, as the
 * bundler follows them (reachableMetas). Nothing else under the root counts: not a build's
 * output folder, not a file no entry reaches. Files are parsed again only when their text changed.
 */
export class DevLinkerSet {
  private readonly memo: WalkMemo = new Map();
  /** Per graph: how to walk it again, and the rows served last. */
  private readonly served = new Map<string, { graph: DevGraph; rows: string }>();

  constructor(private readonly core: VimageCore) {}

  async rows(name: string, graph: DevGraph): Promise<LinkerSetRow[]> {
    const metas = await reachableMetas(this.core, graph.entries(), graph.resolveId, this.memo);
    const rows = linkerSetRows(metas.values());
    this.served.set(name, { graph, rows: JSON.stringify(rows) });
    return rows;
  }

  /** A file was created, changed or deleted: the graphs whose set is no longer the one served. */
  async update(file: string): Promise<string[]> {
    if (!this.core.filter(path.resolve(file))) return [];
    const changed: string[] = [];
    for (const [name, { graph, rows }] of this.served) {
      if (JSON.stringify(await this.rows(name, graph)) !== rows) changed.push(name);
    }
    return changed;
  }
}
