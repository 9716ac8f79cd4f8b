import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  RUNTIME_MODULE,
  cleanId,
  exportsOf,
  exportsReadImports,
  importSources,
  mayExportVirtualized,
  type ModuleExports,
  type TransformOptions,
} from '@vimage/transform';

/**
 * How a host turns an import source into a file id (rollup's this.resolve, esbuild's
 * build.resolve, ...).
 */
export type ResolveId = (source: string, importer: string) => Promise<string | null | undefined>;

interface Loaded {
  code: string;
  /** Import source → resolved file (null: not a file the plugin reads). */
  deps: Map<string, string | null>;
  /** What of this file an importer's output depends on (see inputsOf), made on first use. */
  fingerprint?: string;
  /** The same of every file reachable from it; forgotten when any file changes. */
  closureDigest?: string;
}

/**
 * What each module exports that reaches a virtualized global, read from sources. Two phases,
 * so that import cycles can neither deadlock nor cache a half answer: first the files reachable
 * through imports are read and their imports resolved (each file once, never waiting on another
 * file's answer); then exports are computed synchronously over that graph by `ModuleExportsRule`.
 */
export class ExportsGraph {
  private readonly loads = new Map<string, Promise<Loaded | undefined>>();
  private readonly loaded = new Map<string, Loaded | undefined>();
  /**
   * `importer\0source` → the file it leads to, null for one the plugin does not read. A module's
   * imports are asked for by its importers' loads, by its own transform and its cache key: the
   * host resolves each once.
   */
  private readonly resolutions = new Map<string, Promise<string | null>>();
  /** Files whose whole import closure is loaded: walking it again per import was quadratic. */
  private readonly complete = new Set<string>();
  private readonly rule: ModuleExportsRule;

  constructor(
    private readonly optionsFor: (file: string) => Omit<TransformOptions, 'resolver'>,
    private readonly accepts: (file: string) => boolean,
  ) {
    this.rule = new ModuleExportsRule({
      code: (file) => this.loaded.get(file)?.code,
      resolve: (source, importer) => this.loaded.get(importer)?.deps.get(source) ?? null,
      optionsFor,
    });
  }

  /**
   * The exports of what `source` resolves to from `importer`, or null for a file the plugin does
   * not read. `read`: told every file the answer was read from (hosts that rebuild a module only
   * when its own dependencies change, as webpack does, make them the importer's dependencies).
   */
  async ofImport(
    source: string,
    importer: string,
    resolveId: ResolveId,
    read?: (file: string) => void,
  ): Promise<ModuleExports | null> {
    const file = await this.resolve(source, importer, resolveId);
    if (!file) return null;
    await this.loadAll(file, resolveId);
    if (read) this.closureOf(file).forEach(read);
    return this.rule.of(file);
  }

  /** The exports of a file itself (a bundle's entry module), read as for an importer of it. */
  async ofFile(file: string, resolveId: ResolveId): Promise<ModuleExports> {
    if (!this.accepts(file)) return {};
    await this.loadAll(cleanId(file), resolveId);
    return this.rule.of(cleanId(file));
  }

  /**
   * Everything a module's output depends on beyond its own text and options: what each of its
   * imports resolves to, and for every file reached through them what its importers read of it
   * (its text, or only that it passes no virtualized global on, and where its imports lead).
   * `read`: told those files, for a host that must watch them.
   */
  async inputsOf(
    code: string,
    file: string,
    runtimeModule: string,
    resolveId: ResolveId,
    read?: (file: string) => void,
  ): Promise<string> {
    const sources = [...new Set(importSources(code))].filter((s) => s !== runtimeModule).sort();
    const lines = await Promise.all(
      sources.map(async (source) => {
        const dep = await this.resolve(source, file, resolveId);
        if (!dep) return `${source} -> null`;
        await this.loadAll(dep, resolveId);
        if (read) this.closureOf(dep).forEach(read);
        return `${source} -> ${dep} ${this.closureDigest(dep)}`;
      }),
    );
    return lines.join('\n');
  }

  /** What importers read of every file reachable from a loaded `file`, as one hash. */
  private closureDigest(file: string): string {
    const loaded = this.loaded.get(file);
    if (loaded?.closureDigest) return loaded.closureDigest;
    const hash = createHash('sha256');
    for (const f of [...this.closureOf(file)].sort()) hash.update(`${f}\0${this.fingerprint(f)}\n`);
    const digest = hash.digest('hex');
    if (loaded) loaded.closureDigest = digest;
    return digest;
  }

  private fingerprint(file: string): string {
    const loaded = this.loaded.get(file);
    if (!loaded) return 'unreadable';
    if (loaded.fingerprint === undefined) {
      const passes = mayExportVirtualized(loaded.code, this.optionsFor(file));
      const text = passes ? createHash('sha256').update(loaded.code).digest('hex') : 'plain';
      loaded.fingerprint = `${text} ${JSON.stringify([...loaded.deps].sort())}`;
    }
    return loaded.fingerprint;
  }

  invalidate(file: string): void {
    this.loads.delete(file);
    this.loaded.delete(file);
    // Any answer, closure or resolution (a file that appeared) may have passed through the file.
    this.resolutions.clear();
    this.complete.clear();
    for (const loaded of this.loaded.values()) if (loaded) loaded.closureDigest = undefined;
    this.rule.clear();
  }

  clear(): void {
    this.loads.clear();
    this.loaded.clear();
    this.resolutions.clear();
    this.complete.clear();
    this.rule.clear();
  }

  private resolve(source: string, importer: string, resolveId: ResolveId): Promise<string | null> {
    const key = `${importer}\0${source}`;
    let file = this.resolutions.get(key);
    if (!file) {
      file = resolveId(source, importer).then((id) =>
        id && this.accepts(id) ? cleanId(id) : null,
      );
      this.resolutions.set(key, file);
    }
    return file;
  }

  private async loadAll(file: string, resolveId: ResolveId): Promise<void> {
    if (this.complete.has(file)) return;
    const visited = new Set<string>();
    await this.loadClosure(file, resolveId, visited);
    for (const f of visited) this.complete.add(f);
  }

  /** The loaded files reachable from `file`, itself included, walked synchronously. */
  private closureOf(file: string): Set<string> {
    const closure = new Set<string>();
    const visit = (f: string) => {
      if (closure.has(f)) return;
      closure.add(f);
      for (const dep of this.loaded.get(f)?.deps.values() ?? []) if (dep) visit(dep);
    };
    visit(file);
    return closure;
  }

  private async loadClosure(
    file: string,
    resolveId: ResolveId,
    visited: Set<string>,
  ): Promise<void> {
    if (visited.has(file) || this.complete.has(file)) return;
    visited.add(file);
    const loaded = await this.load(file, resolveId);
    if (!loaded) return;
    await Promise.all(
      [...loaded.deps.values()].map((dep) =>
        dep ? this.loadClosure(dep, resolveId, visited) : undefined,
      ),
    );
  }

  private load(file: string, resolveId: ResolveId): Promise<Loaded | undefined> {
    let pending = this.loads.get(file);
    if (!pending) {
      pending = (async () => {
        let code: string;
        try {
          // Synchronous: a source file is small, and fs/promises costs four thread-pool round
          // trips per file (open, stat, read, close), several times the read itself.
          code = readFileSync(file, 'utf8');
        } catch {
          return undefined;
        }
        const deps = new Map<string, string | null>();
        // Only a module that marks or re-exports can pass on what its imports export.
        const options = this.optionsFor(file);
        if (exportsReadImports(code, options)) {
          // The runtime exports markers, never virtualized globals.
          const sources = new Set(importSources(code));
          sources.delete(options.runtimeModule ?? RUNTIME_MODULE);
          await Promise.all(
            [...sources].map(async (source) => {
              deps.set(source, await this.resolve(source, file, resolveId));
            }),
          );
        }
        return { code, deps };
      })();
      pending.then((l) => this.loaded.set(file, l));
      this.loads.set(file, pending);
    }
    return pending;
  }
}

/** The modules `ModuleExportsRule` reads, synchronously. */
export interface ModuleSources {
  /** A file's source text (undefined: unreadable, it exports nothing virtualized). */
  code(file: string): string | undefined;
  /** The file an import source names (null: not a file whose exports are read). */
  resolve(source: string, importer: string): string | null;
  optionsFor(file: string): Omit<TransformOptions, 'resolver'>;
  /**
   * What a module whose own analysis throws exports to its importers; default: the error
   * reaches the importer. A host that reports each module's errors once, on that module,
   * answers `{}`.
   */
  onError?(error: unknown, file: string): ModuleExports;
}

/**
 * The one rule for what a module exports that reaches virtualized globals, through re-exports,
 * namespaces and `export *`: every host's answer comes from here. A cycle (a: `export * from
 * './b'`; b: `export * from './a'`) is cut the way ESM's GetExportedNames cuts it; an answer
 * computed across a cut is complete only for the module the question started from, so only
 * answers that met no cut are cached.
 */
export class ModuleExportsRule {
  private readonly answers = new Map<string, ModuleExports>();

  constructor(private readonly sources: ModuleSources) {}

  of(file: string): ModuleExports {
    return this.exportsOf(file, new Set(), { cut: false });
  }

  clear(): void {
    this.answers.clear();
  }

  private exportsOf(file: string, visiting: Set<string>, frame: { cut: boolean }): ModuleExports {
    const known = this.answers.get(file);
    if (known) return known;
    if (visiting.has(file)) {
      frame.cut = true;
      return {};
    }
    const code = this.sources.code(file);
    const options = this.sources.optionsFor(file);
    if (code === undefined || !mayExportVirtualized(code, options)) return {};
    visiting.add(file);
    const mine = { cut: false };
    let result: ModuleExports;
    try {
      result = exportsOf(code, file, {
        ...options,
        resolver: (source) => {
          const dep = this.sources.resolve(source, file);
          return dep ? this.exportsOf(dep, visiting, mine) : null;
        },
      });
    } catch (error) {
      if (!this.sources.onError) throw error;
      result = this.sources.onError(error, file);
    } finally {
      visiting.delete(file);
    }
    if (mine.cut) frame.cut = true;
    else this.answers.set(file, result);
    return result;
  }
}
