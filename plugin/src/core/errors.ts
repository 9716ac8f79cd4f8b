import type { RollupError } from 'rollup';
import type { TransformError } from '@vimage/transform';

/**
 * A TransformError in the shape rollup and vite report: both print `loc` and `frame`
 * themselves (vite's dev overlay too), so the message keeps the problem and the fix.
 */
export function toRollupError(error: TransformError, id: string): RollupError {
  const [problem = error.message] = error.message.split('\n');
  return {
    message: `${problem.replace(/^[^:]+:\d+:\d+: /, '')} (fix: ${error.hint})`,
    code: error.code,
    id,
    loc: error.loc ? { file: error.loc.file, line: error.loc.line, column: error.loc.column } : undefined,
    frame: error.frame || undefined,
    pos: error.pos,
    // No `cause`: hosts print it too (vite 8), a second frame with a 1-based column.
  };
}
