import ts from 'typescript';
import { exportsOf, type ModuleExports, type TransformOptions } from '@vimage/transform';
import type { PluginConfig } from '../core/options.js';

/**
 * Cross-module knowledge for the tsc adapter, synchronous as TypeScript transformers are:
 * an import source is resolved with the program's own module resolution (paths, baseUrl,
 * moduleResolution, the file's ESM/CJS mode), and the target's virtualized exports are read
 * from its source text, following re-exports.
 */
export function programResolver(program: ts.Program, config: PluginConfig): NonNullable<TransformOptions['resolver']> {
  const options = program.getCompilerOptions();
  const host: ts.ModuleResolutionHost = { fileExists: ts.sys.fileExists, readFile: ts.sys.readFile, realpath: ts.sys.realpath, directoryExists: ts.sys.directoryExists, getCurrentDirectory: () => program.getCurrentDirectory() };
  const cache = ts.createModuleResolutionCache(program.getCurrentDirectory(), (f) => (ts.sys.useCaseSensitiveFileNames ? f : f.toLowerCase()), options);
  const exportsCache = new Map<string, ModuleExports>();
  const pending = new Set<string>();

  const fileOf = (source: string, importer: string): string | undefined => {
    const mode = program.getSourceFile(importer)?.impliedNodeFormat;
    const resolved = ts.resolveModuleName(source, importer, options, host, cache, undefined, mode).resolvedModule;
    if (!resolved || resolved.extension === ts.Extension.Dts || resolved.isExternalLibraryImport) return undefined;
    return config.filter(resolved.resolvedFileName) ? resolved.resolvedFileName : undefined;
  };

  const resolver = (source: string, importer: string): ModuleExports | null => {
    const file = fileOf(source, importer);
    if (!file) return null;
    const known = exportsCache.get(file);
    if (known) return known;
    // A re-export cycle ends here with what is known so far.
    if (pending.has(file)) return {};
    const code = program.getSourceFile(file)?.text ?? ts.sys.readFile(file);
    if (code === undefined) return null;
    pending.add(file);
    try {
      const exports = exportsOf(code, file, { ...config.optionsFor(file), resolver });
      exportsCache.set(file, exports);
      return exports;
    } catch {
      // A module with a bad marker exports nothing virtualized here; its own transform reports it.
      return {};
    } finally {
      pending.delete(file);
    }
  };
  return resolver;
}
