import { readFileSync } from 'node:fs';
import type TS from 'typescript';
import typescript from '@vimage/transform/typescript';
import {
  cleanId,
  importSources,
  exportsReadImports,
  type TransformOptions,
} from '@vimage/transform';
import { ModuleExportsRule } from '../core/exports.js';
import type { PluginConfig } from '../core/options.js';

// The plugin's own TypeScript, the one copy @vimage/transform loads (typescript.cts says why).
export const ts: typeof TS = typescript;

/** jest's `moduleNameMapper`, as its normalized config holds it: [regexp, target(s)] pairs. */
export type ModuleNameMapper = ReadonlyArray<readonly [string, string | readonly string[]]>;

const COMPILER: TS.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  allowImportingTsExtensions: true,
};

/**
 * The modules a jest transform reads besides its own file, synchronously as jest's `process`
 * runs: an import is mapped by the project's `moduleNameMapper` as jest maps it, then resolved
 * as a bundler resolves it (extensionless and `.js` specifiers reach `.ts` files). What a module
 * exports virtualized comes from the core's rule over those sources, as in every adapter.
 */
export class JestSources {
  private readonly text = new Map<string, string | undefined>();
  private readonly rule: ModuleExportsRule;

  constructor(
    private readonly config: PluginConfig,
    private readonly mapper: ModuleNameMapper = [],
  ) {
    this.rule = new ModuleExportsRule({
      code: (file) => this.code(file),
      resolve: (source, importer) => this.fileOf(source, importer),
      optionsFor: (file) => config.optionsFor(file),
      // A module with a bad marker exports nothing virtualized here; its own transform reports it.
      onError: () => ({}),
    });
  }

  readonly resolver: NonNullable<TransformOptions['resolver']> = (source, importer) => {
    const file = this.fileOf(source, importer);
    return file ? this.rule.of(file) : null;
  };

  code(file: string): string | undefined {
    if (!this.text.has(file)) {
      let code: string | undefined;
      try {
        code = readFileSync(file, 'utf8');
      } catch {
        code = undefined;
      }
      this.text.set(file, code);
    }
    return this.text.get(file);
  }

  /** The file the plugin reads for `source` imported by `importer`, or null. */
  fileOf(source: string, importer: string): string | null {
    for (const request of this.mapped(source)) {
      const found = ts.resolveModuleName(request, importer, COMPILER, ts.sys).resolvedModule;
      if (!found) continue;
      // Declarations say nothing of what is virtualized; node_modules only where `virtualize`
      // selects the files.
      if (found.extension === ts.Extension.Dts) return null;
      return this.config.filter(found.resolvedFileName) ? cleanId(found.resolvedFileName) : null;
    }
    return null;
  }

  /**
   * The files whose text the transform of `file` may depend on: with `everything`, every
   * module it reaches (a linker set's); otherwise the ones an import of a virtualized global
   * can pass through (modules that mark or re-export), as ExportsGraph loads them.
   */
  closure(file: string, everything: boolean): string[] {
    const runtime = this.config.transform.runtimeModule;
    const seen = new Set<string>([file]);
    const visit = (at: string, code: string) => {
      for (const source of new Set(importSources(code))) {
        if (source === runtime) continue;
        const dep = this.fileOf(source, at);
        if (!dep || seen.has(dep)) continue;
        seen.add(dep);
        const text = this.code(dep);
        if (text === undefined) continue;
        if (everything || exportsReadImports(text, this.config.optionsFor(dep))) visit(dep, text);
      }
    };
    visit(file, this.code(file) ?? '');
    return [...seen].slice(1);
  }

  private mapped(source: string): string[] {
    for (const [pattern, target] of this.mapper) {
      const regexp = new RegExp(pattern);
      if (!regexp.test(source)) continue;
      const targets = typeof target === 'string' ? [target] : [...target];
      return targets.map((t) => source.replace(regexp, t));
    }
    return [source];
  }
}
