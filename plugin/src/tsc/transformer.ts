import type ts from '@vimage/transform/typescript';
import { transform, TransformError, type TransformResult } from '@vimage/transform';
import { pluginConfig, type PluginConfig, type VimagePluginOptions } from '../core/options.js';
import { toDiagnostic, warningDiagnostic } from './diagnostics.js';
import { graft } from './graft.js';
import { programResolver } from './resolve.js';

/**
 * vimage for one ts.Program: each source file's original text through the core, with the
 * program's module resolution for cross-module knowledge; the result grafted onto the
 * original tree as a `before` transformer. Declaration emit never sees it: TypeScript builds
 * .d.ts files from the original trees.
 */
export class VimageProgram {
  readonly config: PluginConfig;
  private readonly results = new Map<string, TransformResult | null | TransformError>();
  private readonly resolver: ReturnType<typeof programResolver>;

  constructor(
    readonly program: ts.Program,
    options: VimagePluginOptions = {},
  ) {
    this.config = pluginConfig(options, 'tsc');
    this.resolver = programResolver(program, this.config);
  }

  /**
   * Transforms every file up front: errors and warnings as diagnostics, before anything is written.
   */
  diagnostics(): ts.Diagnostic[] {
    return this.program
      .getSourceFiles()
      .flatMap((sf) => (this.concerns(sf) ? this.diagnosticsOf(this.result(sf)) : []));
  }

  /**
   * The `before` transformer. A file that fails is left as it is if `report` takes the diagnostics,
   * else it throws.
   */
  factory(report?: (diagnostic: ts.Diagnostic) => void): ts.TransformerFactory<ts.SourceFile> {
    return (context) => (sf) => {
      if (!this.concerns(sf)) return sf;
      const r = this.result(sf);
      if (r instanceof TransformError && !report) throw r;
      for (const d of this.diagnosticsOf(r)) report?.(d);
      return r && !(r instanceof TransformError) ? graft(sf, r.code, context) : sf;
    };
  }

  private diagnosticsOf(r: TransformResult | null | TransformError): ts.Diagnostic[] {
    if (r instanceof TransformError) return [toDiagnostic(r, this.program)];
    return r ? r.warnings.map((w) => warningDiagnostic(w, this.program)) : [];
  }

  private concerns(sf: ts.SourceFile): boolean {
    return (
      !sf.isDeclarationFile &&
      !this.program.isSourceFileFromExternalLibrary(sf) &&
      this.config.filter(sf.fileName)
    );
  }

  private result(sf: ts.SourceFile): TransformResult | null | TransformError {
    let r = this.results.get(sf.fileName);
    if (r === undefined) {
      try {
        r = transform(sf.text, sf.fileName, {
          ...this.config.optionsFor(sf.fileName),
          sourceMap: false,
          resolver: this.resolver,
        });
      } catch (error) {
        if (!(error instanceof TransformError)) throw error;
        r = error;
      }
      this.results.set(sf.fileName, r);
    }
    return r;
  }
}
