import {
  transform,
  transformAsync,
  cleanId,
  type TransformOptions,
  type TransformResult,
} from '@vimage/transform';
import { TransformCache, cacheDir } from './cache.js';
import { checkNotCompiled } from './compiled.js';
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
  private readonly cache: TransformCache | undefined;
  private noSourceMaps = false;

  constructor(
    private readonly userOptions: VimagePluginOptions | undefined,
    host: string,
  ) {
    this.config = pluginConfig(userOptions, host);
    this.exports = new ExportsGraph(
      (file) => this.config.optionsFor(file),
      (id) => this.filter(id),
    );
    const dir = cacheDir(userOptions?.cache, this.root);
    this.cache = dir === undefined ? undefined : new TransformCache(dir, this.config.settings);
  }

  get root(): string {
    return this.config.transform.root;
  }

  filter(id: string): boolean {
    return this.config.filter(id);
  }

  /**
   * The host writes no source map (`vite build` without `build.sourcemap`): unless the user
   * asked for them, the transform makes none, a sixth of its work on small modules.
   */
  hostWritesNoSourceMaps(): void {
    if (this.userOptions?.sourceMap === undefined) this.noSourceMaps = true;
  }

  /**
   * `read`: told every other file whose exports the transform read (see ExportsGraph.ofImport).
   * With the cache, a module whose inputs are all as a run before saw them is not transformed.
   */
  async transform(
    code: string,
    id: string,
    resolveId: ResolveId,
    read?: (file: string) => void,
  ): Promise<TransformResult | null> {
    if (!this.filter(id)) return null;
    const file = cleanId(id);
    checkNotCompiled(code, file, this.config.transform.runtimeModule);
    const options = this.config.optionsFor(id);
    let key: string | undefined;
    if (this.cache) {
      const { runtimeModule } = options;
      const inputs = await this.exports.inputsOf(code, file, runtimeModule, resolveId, read);
      key = this.cache.key([id, code, String(this.noSourceMaps), inputs]);
      const stored = this.cache.get(key);
      if (stored !== undefined) return stored;
    }
    const resolve = (source: string, importer: string) =>
      this.exports.ofImport(source, importer, resolveId, read);
    const result = await transformAsync(code, id, {
      ...options,
      ...(this.noSourceMaps && { sourceMap: false }),
      resolve,
    });
    if (key) this.cache!.set(key, result);
    return result;
  }

  /**
   * The same for a host whose transform is synchronous (jest's `process`): `resolver` answers
   * what an import exports virtualized at once, from sources read synchronously.
   */
  transformSync(
    code: string,
    id: string,
    resolver: TransformOptions['resolver'],
  ): TransformResult | null {
    if (!this.filter(id)) return null;
    checkNotCompiled(code, cleanId(id), this.config.transform.runtimeModule);
    return transform(code, id, {
      ...this.config.optionsFor(id),
      ...(this.noSourceMaps && { sourceMap: false }),
      resolver,
    });
  }

  /** What a module (a bundle's entry) exports that is virtualized, from the sources. */
  exportsOfFile(id: string, resolveId: ResolveId) {
    return this.exports.ofFile(id, resolveId);
  }

  /** A file changed (watch mode, a dev server's hot update): forget what was read from it. */
  invalidate(id: string): void {
    this.exports.invalidate(cleanId(id));
  }

  reset(): void {
    this.exports.clear();
  }
}
