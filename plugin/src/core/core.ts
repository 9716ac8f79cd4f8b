import { readFile } from 'node:fs/promises';
import { exportsOfAsync, transformAsync, cleanId, type ModuleExports, type TransformResult } from '@vimage/transform';
import { pluginConfig, type PluginConfig, type VimagePluginOptions } from './options.js';

/** How a host turns an import source into a file id (rollup's this.resolve, esbuild's build.resolve, ...). */
export type ResolveId = (source: string, importer: string) => Promise<string | null | undefined>;

/**
 * The bundler-neutral part of every adapter: which files to process, what each module
 * exports that is virtualized (read from its source, so it never waits on another
 * module's transform and works when a dev server transforms lazily), and the transform.
 */
export class VimageCore {
  readonly config: PluginConfig;
  private readonly exportsCache = new Map<string, Promise<ModuleExports>>();

  constructor(options: VimagePluginOptions | undefined, host: string) {
    this.config = pluginConfig(options, host);
  }

  get root(): string {
    return this.config.transform.root;
  }

  filter(id: string): boolean {
    return this.config.filter(id);
  }

  async transform(code: string, id: string, resolveId: ResolveId): Promise<TransformResult | null> {
    if (!this.filter(id)) return null;
    return transformAsync(code, id, { ...this.config.optionsFor(id), resolve: (source, importer) => this.exportsOfImport(source, importer, resolveId, new Set()) });
  }

  /** A file changed (watch mode, a dev server's hot update): forget what was read from it. */
  invalidate(id: string): void {
    this.exportsCache.delete(cleanId(id));
  }

  reset(): void {
    this.exportsCache.clear();
  }

  private async exportsOfImport(source: string, importer: string, resolveId: ResolveId, seen: Set<string>): Promise<ModuleExports | null> {
    const id = await resolveId(source, importer);
    if (!id || !this.filter(id)) return null;
    return this.exportsOfFile(cleanId(id), resolveId, seen);
  }

  private exportsOfFile(file: string, resolveId: ResolveId, seen: Set<string>): Promise<ModuleExports> {
    // A re-export cycle (a: export * from b; b: export * from a) ends here with what is known.
    if (seen.has(file)) return Promise.resolve({});
    const cached = this.exportsCache.get(file);
    if (cached) return cached;
    const inner = new Set(seen).add(file);
    const pending = readFile(file, 'utf8').then(
      (code) => exportsOfAsync(code, file, { ...this.config.optionsFor(file), resolve: (s, importer) => this.exportsOfImport(s, importer, resolveId, inner) }),
      () => ({}),
    );
    this.exportsCache.set(file, pending);
    return pending;
  }
}
