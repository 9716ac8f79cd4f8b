import type { RollupError } from 'rollup';
import type { TransformError } from '@vimage/transform';

/**
 * A TransformError in the shape rollup and vite report: both print `loc` and `frame`
 * themselves (vite's dev overlay too), so the message keeps the problem and the fix.
 */
export function toRollupError(error: TransformError, id: string): RollupError {
  return {
    message: `${error.problem} (fix: ${error.hint})`,
    code: error.code,
    id,
    loc: error.loc
      ? { file: error.loc.file, line: error.loc.line, column: error.loc.column }
      : undefined,
    frame: error.frame || undefined,
    pos: error.pos,
    // No `cause`: hosts print it too (vite 8), a second frame with a 1-based column.
  };
}

/** An Error webpack and rspack print as it is (`hideStack`), keeping code, location and frame. */
export interface LocatedError extends Error {
  code: string;
  loc: { file: string; line: number; column: number } | undefined;
  frame: string;
  hideStack: true;
}

/**
 * A TransformError for hosts that print only a message (webpack, rspack, jest): its message
 * already has `file:line:column: problem`, the fix and the code frame.
 */
export function toLocatedError(error: TransformError): LocatedError {
  return Object.assign(new Error(error.message, { cause: error }), {
    name: error.name,
    code: error.code,
    loc: error.loc,
    frame: error.frame,
    hideStack: true as const,
  });
}

/** A warning as hosts that print the message alone show it: place, problem, code and frame. */
export function placedWarningText(w: {
  loc: { file: string; line: number; column: number };
  message: string;
  code: string;
  frame: string;
}): string {
  return `${w.loc.file}:${w.loc.line}:${w.loc.column + 1}: ${w.message} (${w.code})\n${w.frame}`;
}
