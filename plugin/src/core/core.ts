import { transformAsync, cleanId, type TransformResult } from '@vimage/transform';
import { ExportsGraph, type ResolveId } from './exports.js';
import { pluginConfig, type PluginConfig, type VimagePluginOptions } from './options.js';

export type { ResolveId } from './exports.js';

/**
 * The bundler-neutral part of every adapter: which files to process, what each module
 * exports that is virtualized (read from its source, so it never waits on another
 * module's transform and works when a dev server transforms lazily), and the transform.
 */
export class VimageCore {
  readonly config: PluginConfig;
  private readonly exports: ExportsGraph;

  constructor(options: VimagePluginOptions | undefined, host: string) {
    this.config = pluginConfig(options, host);
    this.exports = new ExportsGraph((file) => this.config.optionsFor(file), (id) => this.filter(id));
  }

  get root(): string {
    return this.config.transform.root;
  }

  filter(id: string): boolean {
    return this.config.filter(id);
  }

  async transform(code: string, id: string, resolveId: ResolveId): Promise<TransformResult | null> {
    if (!this.filter(id)) return null;
    return transformAsync(code, id, { ...this.config.optionsFor(id), resolve: (source, importer) => this.exports.ofImport(source, importer, resolveId) });
  }

  /** A file changed (watch mode, a dev server's hot update): forget what was read from it. */
  invalidate(id: string): void {
    this.exports.invalidate(cleanId(id));
  }

  reset(): void {
    this.exports.clear();
  }
}
