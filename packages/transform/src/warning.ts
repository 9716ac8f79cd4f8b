import type ts from 'typescript';
import { codeFrame, locate } from './error.js';
import type { Analysis } from './phases/2-analyze/index.js';
import type { TransformWarning } from './types.js';

/** A warning at a node of the module, with its location and code frame. */
export function warning(a: Analysis, code: TransformWarning['code'], node: ts.Node, message: string): TransformWarning {
  const loc = locate(a.code, a.id, node.getStart(a.sourceFile));
  return { code, message, loc, frame: codeFrame(a.code, loc.line, loc.column) };
}
