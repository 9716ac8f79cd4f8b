import { statSync } from 'node:fs';
import path from 'node:path';
import ts from '@vimage/transform/typescript';
import type { VimagePluginOptions } from '../core/options.js';
import { entryOf, optionsFromEntry } from './config.js';
import { VimageProgram } from './transformer.js';
import { checkProjectTypeScript, projectTypeScriptVersion } from './version.js';

export interface EmitWithVimageOptions extends VimagePluginOptions {
  /** A tsconfig file, or a folder holding tsconfig.json. */
  project: string;
}

export interface EmitWithVimageResult {
  /** Config, syntax, type and vimage diagnostics, as tsc reports them. */
  diagnostics: readonly ts.Diagnostic[];
  /** True when nothing was written: a vimage error, or `noEmitOnError` with errors. */
  emitSkipped: boolean;
  emittedFiles: string[];
}

/**
 * What `tsc -p <project>` does, with the vimage transformer and no patched TypeScript. Options
 * come from the project's `{ "transform": "@vimage/plugin/tsc", ... }` plugins entry, if any,
 * then from the arguments.
 * Type errors do not stop emit unless `noEmitOnError` (as tsc); vimage errors always do, so
 * no partial output is written. Declarations are emitted from the unchanged sources.
 * Throws VIMAGE_TYPESCRIPT_VERSION when the project has a TypeScript other than 6.x installed.
 */
export function emitWithVimage({
  project,
  ...options
}: EmitWithVimageOptions): EmitWithVimageResult {
  const configFile = isDirectory(project) ? path.join(project, 'tsconfig.json') : project;
  const projectDir = path.dirname(path.resolve(configFile));
  checkProjectTypeScript(projectTypeScriptVersion(projectDir), 'vimage tsc');
  const configErrors: ts.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.resolve(configFile),
    { listEmittedFiles: true },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => configErrors.push(d) },
  );
  if (!parsed) return { diagnostics: configErrors, emitSkipped: true, emittedFiles: [] };
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    configFileParsingDiagnostics: parsed.errors,
  });
  // The tsconfig's own vimage entry (as ts-patch reads it), overridden by what the caller passes.
  const entry = entryOf(parsed.options);
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const vimage = new VimageProgram(program, {
    ...(entry && optionsFromEntry(entry, parsed.options)),
    ...given,
  });
  const own = vimage.diagnostics();
  const before = [...ts.getPreEmitDiagnostics(program), ...own];
  const failed = before.some((d) => d.category === ts.DiagnosticCategory.Error);
  if (
    own.some((d) => d.category === ts.DiagnosticCategory.Error) ||
    (failed && parsed.options.noEmitOnError)
  ) {
    return {
      diagnostics: ts.sortAndDeduplicateDiagnostics(before),
      emitSkipped: true,
      emittedFiles: [],
    };
  }
  const result = program.emit(undefined, undefined, undefined, false, {
    before: [vimage.factory()],
  });
  return {
    diagnostics: ts.sortAndDeduplicateDiagnostics([...before, ...result.diagnostics]),
    emitSkipped: result.emitSkipped,
    emittedFiles: result.emittedFiles ?? [],
  };
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
