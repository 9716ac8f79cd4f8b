import fs from 'node:fs';
import path from 'node:path';
import ts from '@vimage/transform/typescript';
import { emitWithVimage, VIMAGE_DIAGNOSTIC_CODE } from '@vimage/plugin/tsc';
import type { EmitWithVimageResult, VimageDiagnostic } from '@vimage/plugin/tsc';
import { CliError, type ModuleError } from '../errors.js';
import { checkTsconfig } from '../project/tsconfig.js';

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
  /** What tsc reports: config, syntax and type diagnostics. */
  diagnostics: Diag[];
  /**
   * vimage's own errors (a misplaced marker, eval beside a global): with any, nothing is emitted.
   */
  errors: ModuleError[];
  /** vimage's warnings, which do not stop emit. */
  warnings: ModuleError[];
  emitSkipped: boolean;
  emitted: string[];
  /** Every diagnostic, for tsc's own printer. */
  raw: readonly ts.Diagnostic[];
}

/**
 * `tsc -p` with the vimage transformer: @vimage/plugin/tsc's emitWithVimage, which type-checks
 * the sources as written and emits through TypeScript's own pipeline. Symbols are relative to
 * the tsconfig's folder, as in the other verbs.
 */
export function emitProject(target: string, vimage: boolean): EmitReport {
  const configFile = locateConfig(target);
  // TypeScript reads a tsconfig that is not JSON as best it can and emits anyway; vimage stops.
  checkTsconfig(configFile);
  const r = emitWithTypeScript6(configFile, vimage);
  const report: EmitReport = {
    configFile,
    vimage,
    diagnostics: [],
    errors: [],
    warnings: [],
    emitSkipped: r.emitSkipped,
    emitted: r.emittedFiles.map((f) => path.normalize(f)).sort(),
    raw: r.diagnostics,
  };
  for (const d of r.diagnostics) {
    if (d.code !== VIMAGE_DIAGNOSTIC_CODE) {
      report.diagnostics.push(toDiag(d));
      continue;
    }
    const list = d.category === ts.DiagnosticCategory.Error ? report.errors : report.warnings;
    list.push(vimageError(d as VimageDiagnostic, configFile));
  }
  return report;
}

/** A project on another TypeScript major is a usage problem, not an internal error. */
function emitWithTypeScript6(configFile: string, vimage: boolean): EmitWithVimageResult {
  try {
    return emitWithVimage({ project: configFile, vimage, root: path.dirname(configFile) });
  } catch (error) {
    const e = error as { code?: unknown; problem: string; hint: string };
    if (e.code !== 'VIMAGE_TYPESCRIPT_VERSION') throw error;
    throw new CliError(e.problem, 'VIMAGE_TYPESCRIPT_VERSION', 1, e.hint);
  }
}

function locateConfig(target: string): string {
  const abs = path.resolve(target);
  const stat = fs.statSync(abs, { throwIfNoEntry: false });
  const file = stat?.isDirectory() ? path.join(abs, 'tsconfig.json') : abs;
  if (!fs.existsSync(file))
    throw new CliError(
      `no tsconfig at ${target}`,
      'VIMAGE_CLI_NO_PATH',
      2,
      'give -p a tsconfig file, or a folder that holds a tsconfig.json',
    );
  return file;
}

export function toDiag(d: ts.Diagnostic): Diag {
  const category = (['warning', 'error', 'suggestion', 'message'] as const)[d.category]!;
  const base = {
    code: `TS${d.code}`,
    category,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  };
  if (!d.file || d.start === undefined)
    return { ...base, file: d.file?.fileName ?? null, line: null, column: null };
  const lc = d.file.getLineAndCharacterOfPosition(d.start);
  return { ...base, file: d.file.fileName, line: lc.line + 1, column: lc.character + 1 };
}

/** The adapter's TS99001 diagnostic in the CLI's error shape, from the fields it carries. */
function vimageError(d: VimageDiagnostic, configFile: string): ModuleError {
  const diag = toDiag(d);
  return {
    code: d.vimage.code,
    message: d.vimage.problem,
    hint: d.vimage.hint,
    file: diag.file ?? configFile,
    line: diag.line,
    column: diag.column,
    frame: '',
  };
}

/**
 * As tsc prints them: with colour and code frames on a terminal, `file(line,col): error TS...`
 * otherwise.
 */
export function formatDiagnostics(raw: readonly ts.Diagnostic[], color: boolean): string {
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  };
  return (
    color ? ts.formatDiagnosticsWithColorAndContext(raw, host) : ts.formatDiagnostics(raw, host)
  ).trimEnd();
}
