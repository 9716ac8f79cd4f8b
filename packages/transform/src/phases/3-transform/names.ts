import type ts from 'typescript';
import type MagicString from 'magic-string';
import type { Analysis } from '../2-analyze/index.js';
import { isArrowFunction, isClassExpression, isFunctionExpression } from '../../ts.js';
import { skipWrappers } from '../2-analyze/syntax.js';

/**
 * `let f = function () {}` names the function f (a named evaluation); `__vimage.define(slot,
 * function () {})` or `__vimage.c[slot] = () => 1` would not. A property of an object literal
 * is a named evaluation too, so the anonymous function, arrow or class gets wrapped as
 * `{ "f": <expr> }["f"]` and keeps the name a plain global would give it.
 */
export function keepName(
  ms: MagicString,
  a: Analysis,
  expr: ts.Expression | undefined,
  name: string,
): void {
  if (!expr || !isAnonymousDefinition(expr)) return;
  const key = JSON.stringify(name);
  ms.appendLeft(expr.getStart(a.sourceFile), `{ ${key}: `);
  ms.prependRight(expr.end, ` }[${key}]`);
}

function isAnonymousDefinition(expr: ts.Expression): boolean {
  // `(function () {}) as T` is named too: the types go, the parentheses keep the name.
  const e = skipWrappers(expr);
  return isArrowFunction(e) || ((isFunctionExpression(e) || isClassExpression(e)) && !e.name);
}
