import { ModuleExportsRule } from '@vimage/plugin';
import {
  modulePath,
  transform,
  type ModuleExports,
  type TransformOptions,
  type TransformResult,
  type VimageModuleMeta,
} from '@vimage/transform';
import { moduleError, type ModuleError } from '../errors.js';
import type { OpenProject } from './open.js';

/** What the analyzer needs of a project: the symbols' root, its modules, reading, resolving. */
export type Sources = Pick<OpenProject, 'root' | 'files' | 'read' | 'resolve'> &
  Partial<Pick<OpenProject, 'syntaxError'>>;

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
  /** The plugin's rule for exports through re-exports and `export *` cycles. */
  private readonly rule: ModuleExportsRule;

  /** `virtualize`: the plugin's automatic virtualization over every module (VIMAGE on only). */
  constructor(
    readonly project: Sources,
    private readonly virtualize?: TransformOptions['virtualize'],
  ) {
    const options = { root: project.root, ...(virtualize && { vimage: true, virtualize }) };
    this.rule = new ModuleExportsRule({
      code: (file) => project.read(file),
      resolve: (source, importer) => project.resolve(source, importer) ?? null,
      optionsFor: () => options,
      // The module's own run reports its error; importers see no virtualized exports from it.
      onError: () => ({}),
    });
  }

  run(file: string, vimage: boolean, sourceMap = false): ModuleRun {
    const module = modulePath(file, this.project.root);
    const code = this.project.read(file) ?? '';
    try {
      const result = transform(code, file, {
        vimage,
        sourceMap,
        root: this.project.root,
        resolver: this.resolver(),
        ...(vimage && this.virtualize && { virtualize: this.virtualize }),
      });
      // The transform parses only modules that concern it; a broken one could hide an import.
      const error = result ? undefined : this.project.syntaxError?.(file);
      return { file, module, code, result, ...(error && { error }) };
    } catch (error) {
      return { file, module, code, result: null, error: moduleError(error, file) };
    }
  }

  runAll(vimage: boolean, sourceMap = false): ModuleRun[] {
    return this.project.files.map((f) => this.run(f, vimage, sourceMap));
  }

  /**
   * What the module exports that reaches virtualized globals (its own, re-exported, namespaces).
   */
  exports(file: string): ModuleExports {
    return this.rule.of(file);
  }

  private resolver(): NonNullable<TransformOptions['resolver']> {
    return (source, importer) => {
      const file = this.project.resolve(source, importer);
      return file ? this.rule.of(file) : null;
    };
  }
}

export const metasOf = (runs: ModuleRun[]): VimageModuleMeta[] =>
  runs.flatMap((r) => (r.result ? [r.result.meta] : []));
