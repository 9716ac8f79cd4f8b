import type ts from 'typescript';
import type { WarningMessage } from './codes.js';
import { codeFrame, locate } from './error.js';
import type { Analysis } from './phases/2-analyze/index.js';
import type { TransformWarning } from './types.js';

/** A warning (one of codes.ts' `warnings`) at a node of the module, with its location and frame. */
export function warning(
  a: Analysis,
  node: ts.Node,
  { code, message }: WarningMessage<TransformWarning['code']>,
): TransformWarning {
  const loc = locate(a.code, a.id, node.getStart(a.sourceFile));
  return { code, message, loc, frame: codeFrame(a.code, loc.line, loc.column) };
}
