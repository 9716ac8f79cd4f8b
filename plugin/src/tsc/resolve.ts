import ts from '@vimage/transform/typescript';
import type { TransformOptions } from '@vimage/transform';
import { ModuleExportsRule } from '../core/exports.js';
import type { PluginConfig } from '../core/options.js';

/**
 * Cross-module knowledge for the tsc adapter, synchronous as TypeScript transformers are:
 * an import source is resolved with the program's own module resolution (paths, baseUrl,
 * moduleResolution, the file's ESM/CJS mode), and the target's virtualized exports are read
 * from its source text by the core's rule (re-exports, `export *` cycles).
 */
export function programResolver(
  program: ts.Program,
  config: PluginConfig,
): NonNullable<TransformOptions['resolver']> {
  const options = program.getCompilerOptions();
  const host: ts.ModuleResolutionHost = {
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    realpath: ts.sys.realpath,
    directoryExists: ts.sys.directoryExists,
    getCurrentDirectory: () => program.getCurrentDirectory(),
  };
  const cache = ts.createModuleResolutionCache(
    program.getCurrentDirectory(),
    (f) => (ts.sys.useCaseSensitiveFileNames ? f : f.toLowerCase()),
    options,
  );

  const fileOf = (source: string, importer: string): string | null => {
    const mode = program.getSourceFile(importer)?.impliedNodeFormat;
    const resolved = ts.resolveModuleName(
      source,
      importer,
      options,
      host,
      cache,
      undefined,
      mode,
    ).resolvedModule;
    if (!resolved || resolved.isExternalLibraryImport) return null;
    // The plugin's filter: the files its include selects, declaration files never.
    return config.filter(resolved.resolvedFileName) ? resolved.resolvedFileName : null;
  };
  const rule = new ModuleExportsRule({
    code: (file) => program.getSourceFile(file)?.text ?? ts.sys.readFile(file),
    resolve: fileOf,
    optionsFor: (file) => config.optionsFor(file),
    // A module with a bad marker exports nothing virtualized here; its own transform reports it.
    onError: () => ({}),
  });

  return (source, importer) => {
    const file = fileOf(source, importer);
    return file ? rule.of(file) : null;
  };
}
