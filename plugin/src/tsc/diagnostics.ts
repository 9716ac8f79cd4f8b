import ts from '@vimage/transform/typescript';
import type { TransformError, TransformWarning } from '@vimage/transform';

/**
 * The one TypeScript diagnostic code of vimage's errors; the message starts with the VIMAGE_ code.
 */
export const VIMAGE_DIAGNOSTIC_CODE = 99001;

/** A TS99001 diagnostic, with vimage's code, problem and fix as fields (tsc prints the text). */
export interface VimageDiagnostic extends ts.Diagnostic {
  vimage: { code: string; problem: string; hint: string };
}

/**
 * tsc prints `file:line:column - error TS99001: ...` and the line with a squiggle under the place.
 */
export function toDiagnostic(error: TransformError, program: ts.Program): VimageDiagnostic {
  const loc = error.loc;
  const file = loc ? program.getSourceFile(loc.file) : undefined;
  const start = file
    ? (error.pos ?? ts.getPositionOfLineAndCharacter(file, loc!.line - 1, loc!.column))
    : undefined;
  return {
    category: ts.DiagnosticCategory.Error,
    code: VIMAGE_DIAGNOSTIC_CODE,
    source: 'vimage',
    file,
    start,
    // The squiggle covers the word at the place (the marker's name), else one character.
    length:
      file && start !== undefined
        ? (/^[\w$]+/.exec(file.text.slice(start))?.[0].length ?? 1)
        : undefined,
    vimage: { code: error.code, problem: error.problem, hint: error.hint },
    messageText: {
      messageText: `${error.code}: ${error.problem}`,
      category: ts.DiagnosticCategory.Error,
      code: VIMAGE_DIAGNOSTIC_CODE,
      next: [
        {
          messageText: `fix: ${error.hint}`,
          category: ts.DiagnosticCategory.Message,
          code: VIMAGE_DIAGNOSTIC_CODE,
        },
      ],
    },
  };
}

/** A pattern that defeats isolation in automatically virtualized code: a warning, emit goes on. */
export function warningDiagnostic(
  warning: TransformWarning,
  program: ts.Program,
): VimageDiagnostic {
  const file = program.getSourceFile(warning.loc.file);
  const start = file
    ? ts.getPositionOfLineAndCharacter(file, warning.loc.line - 1, warning.loc.column)
    : undefined;
  return {
    category: ts.DiagnosticCategory.Warning,
    code: VIMAGE_DIAGNOSTIC_CODE,
    source: 'vimage',
    file,
    start,
    length: file ? 1 : undefined,
    messageText: `${warning.code}: ${warning.message}`,
    vimage: { code: warning.code, problem: warning.message, hint: '' },
  };
}
