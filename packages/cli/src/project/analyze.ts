import { exportsOf, modulePath, transform, type ModuleExports, type TransformOptions, type TransformResult, type VimageModuleMeta } from '@vimage/transform';
import { moduleError, type ModuleError } from '../errors.js';
import type { OpenProject } from './open.js';

/** What the analyzer needs of a project: where symbols are relative to, its modules, reading and resolving. */
export type Sources = Pick<OpenProject, 'root' | 'files' | 'read' | 'resolve'> & Partial<Pick<OpenProject, 'syntaxError'>>;

/** One module of the project after the transform: its output, metadata, or the error it raised. */
export interface ModuleRun {
  file: string;
  /** Path relative to the project root, as in symbols. */
  module: string;
  code: string;
  /** null: the transform leaves the module untouched (no marker, no virtualized import). */
  result: TransformResult | null;
  error?: ModuleError;
}

/**
 * Runs `transform` over a project with a resolver that knows, for every import, which of the
 * imported module's exports are virtualized (read from that module's source with `exportsOf`,
 * through re-exports and namespaces): the same knowledge the bundler plugins give it.
 */
export class Analyzer {
  private readonly exportsCache = new Map<string, ModuleExports>();

  /** `virtualize`: the plugin's automatic virtualization over every module (VIMAGE on only). */
  constructor(
    readonly project: Sources,
    private readonly virtualize?: TransformOptions['virtualize'],
  ) {}

  run(file: string, vimage: boolean, sourceMap = false): ModuleRun {
    const module = modulePath(file, this.project.root);
    const code = this.project.read(file) ?? '';
    try {
      const result = transform(code, file, { vimage, sourceMap, root: this.project.root, resolver: this.resolver(new Set()), ...(vimage && this.virtualize && { virtualize: this.virtualize }) });
      // The transform parses only modules that concern it; a broken one elsewhere could hide an import.
      const error = result ? undefined : this.project.syntaxError?.(file);
      return { file, module, code, result, ...(error && { error }) };
    } catch (error) {
      return { file, module, code, result: null, error: moduleError(error, file) };
    }
  }

  runAll(vimage: boolean, sourceMap = false): ModuleRun[] {
    return this.project.files.map((f) => this.run(f, vimage, sourceMap));
  }

  /** What the module exports that reaches virtualized globals (its own, re-exported, namespaces). */
  exports(file: string, seen: Set<string> = new Set(), frame: { cut: boolean } = { cut: false }): ModuleExports {
    // A re-export cycle (a: export * from b; b: export * from a) is cut here, as ESM's
    // GetExportedNames cuts it; an answer computed across a cut is complete only for the module
    // the question started from, so only answers that met no cut are cached (as the plugin's
    // ExportsGraph does).
    if (seen.has(file)) {
      frame.cut = true;
      return {};
    }
    const cached = this.exportsCache.get(file);
    if (cached) return cached;
    const code = this.project.read(file);
    let exports: ModuleExports = {};
    const mine = { cut: false };
    if (code !== undefined) {
      try {
        exports = exportsOf(code, file, { root: this.project.root, resolver: this.resolver(new Set(seen).add(file), mine), ...(this.virtualize && { vimage: true, virtualize: this.virtualize }) });
      } catch {
        // The module's own run reports its error; importers see no virtualized exports from it.
      }
    }
    if (mine.cut) frame.cut = true;
    else this.exportsCache.set(file, exports);
    return exports;
  }

  private resolver(seen: Set<string>, frame: { cut: boolean } = { cut: false }): NonNullable<TransformOptions['resolver']> {
    return (source, importer) => {
      const file = this.project.resolve(source, importer);
      return file ? this.exports(file, seen, frame) : null;
    };
  }
}

export const metasOf = (runs: ModuleRun[]): VimageModuleMeta[] => runs.flatMap((r) => (r.result ? [r.result.meta] : []));
