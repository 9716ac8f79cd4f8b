import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { CliError, type ModuleError } from '../errors.js';
import { Analyzer } from '../project/analyze.js';

export interface Diag {
  code: string;
  category: 'error' | 'warning' | 'suggestion' | 'message';
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
}

export interface EmitReport {
  configFile: string;
  vimage: boolean;
  diagnostics: Diag[];
  /** The raw diagnostics, for tsc's own pretty printer. */
  raw: readonly ts.Diagnostic[];
  /** Modules the transform changed (markers stripped or accesses rewritten). */
  transformed: string[];
  emitted: string[];
  errors: ModuleError[];
}

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

/**
 * `tsc -p` with the vimage transform. The project is type-checked as written; each module is
 * then transformed (VIMAGE on or off) and a second program over the transformed texts emits the
 * JavaScript, so TypeScript binds and elides imports on exactly what it emits. Declarations
 * come from the original program: vimage changes no types. Any transform error emits nothing.
 */
export function emitProject(target: string, vimage: boolean): EmitReport {
  const configFile = locateConfig(target);
  const parsed = readConfig(configFile);
  const root = path.dirname(configFile);
  const options = parsed.options;
  const original = ts.createProgram({ rootNames: parsed.fileNames, options, projectReferences: parsed.projectReferences, configFileParsingDiagnostics: parsed.errors });
  const raw = ts.sortAndDeduplicateDiagnostics([...parsed.errors, ...ts.getPreEmitDiagnostics(original)]);
  const report: EmitReport = { configFile, vimage, diagnostics: raw.map(toDiag), raw, transformed: [], emitted: [], errors: [] };

  const modules = original
    .getSourceFiles()
    .filter((sf) => !sf.isDeclarationFile && !original.isSourceFileFromExternalLibrary(sf) && SOURCE.test(sf.fileName))
    .map((sf) => path.normalize(sf.fileName));
  const cache = ts.createModuleResolutionCache(root, (f) => f, options);
  const analyzer = new Analyzer({
    root,
    files: modules,
    read: (f) => ts.sys.readFile(f),
    resolve(source, importer) {
      const r = ts.resolveModuleName(source, importer, options, ts.sys, cache, undefined, ts.ModuleKind.ESNext).resolvedModule;
      return r && !r.isExternalLibraryImport && !/\.d\.[cm]?ts$/.test(r.resolvedFileName) && SOURCE.test(r.resolvedFileName) ? path.normalize(r.resolvedFileName) : undefined;
    },
  });
  const texts = new Map<string, string>();
  for (const run of analyzer.runAll(vimage)) {
    if (run.error) report.errors.push(run.error);
    else if (run.result) {
      texts.set(run.file, run.result.code);
      report.transformed.push(run.file);
    }
  }
  const hasErrors = raw.some((d) => d.category === ts.DiagnosticCategory.Error);
  if (report.errors.length || options.noEmit || (options.noEmitOnError && hasErrors)) return report;

  const writeFile: ts.WriteFileCallback = (name, text, bom) => {
    ts.sys.writeFile(name, text, bom);
    report.emitted.push(path.normalize(name));
  };
  if (options.declaration || options.composite) original.emit(undefined, writeFile, undefined, true);
  if (!options.emitDeclarationOnly) {
    const jsOptions: ts.CompilerOptions = { ...options, declaration: false, declarationMap: false, composite: false, incremental: false, tsBuildInfoFile: undefined, noEmitOnError: false };
    const host = ts.createCompilerHost(jsOptions);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, language, onError, create) => {
      const text = texts.get(path.normalize(fileName));
      return text === undefined ? read(fileName, language, onError, create) : ts.createSourceFile(fileName, text, language, true);
    };
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: jsOptions, host, projectReferences: parsed.projectReferences });
    program.emit(undefined, writeFile);
  }
  report.emitted.sort();
  return report;
}

function locateConfig(target: string): string {
  const abs = path.resolve(target);
  const stat = fs.statSync(abs, { throwIfNoEntry: false });
  const file = stat?.isDirectory() ? path.join(abs, 'tsconfig.json') : abs;
  if (!fs.existsSync(file)) throw new CliError(`no tsconfig at ${target}`, 'VIMAGE_CLI_NO_PATH', 2, 'give -p a tsconfig file, or a folder that holds a tsconfig.json');
  return file;
}

function readConfig(configFile: string): ts.ParsedCommandLine {
  let fatal: ts.Diagnostic | undefined;
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => (fatal = d) });
  if (!parsed || fatal) {
    const d = toDiag(fatal!);
    throw new CliError(`broken tsconfig: ${d.code}: ${d.message}`, 'VIMAGE_CLI_TSCONFIG', 1, 'fix the tsconfig so that tsc accepts it', d.file && d.line ? { file: d.file, line: d.line, column: d.column! } : undefined);
  }
  return parsed;
}

export function toDiag(d: ts.Diagnostic): Diag {
  const category = (['warning', 'error', 'suggestion', 'message'] as const)[d.category]!;
  const base = { code: `TS${d.code}`, category, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
  if (!d.file || d.start === undefined) return { ...base, file: d.file?.fileName ?? null, line: null, column: null };
  const lc = d.file.getLineAndCharacterOfPosition(d.start);
  return { ...base, file: d.file.fileName, line: lc.line + 1, column: lc.character + 1 };
}

/** As tsc prints them: with colour and code frames on a terminal, `file(line,col): error TS...` otherwise. */
export function formatDiagnostics(raw: readonly ts.Diagnostic[], color: boolean): string {
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
  return (color ? ts.formatDiagnosticsWithColorAndContext(raw, host) : ts.formatDiagnostics(raw, host)).trimEnd();
}
