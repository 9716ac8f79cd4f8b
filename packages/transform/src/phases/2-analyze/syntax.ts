import type ts from 'typescript';
import { SyntaxKind, canHaveModifiers, getModifiers, isIdentifier } from '../../ts.js';

/**
 * Value wrappers that leave a reference what it is: `(x)`, `x!`, `x as T`, `<T>x`, `x satisfies T`.
 */
export function isWrapper(
  node: ts.Node,
): node is
  | ts.ParenthesizedExpression
  | ts.NonNullExpression
  | ts.AsExpression
  | ts.TypeAssertion
  | ts.SatisfiesExpression {
  switch (node.kind) {
    case SyntaxKind.ParenthesizedExpression:
    case SyntaxKind.NonNullExpression:
    case SyntaxKind.AsExpression:
    case SyntaxKind.TypeAssertionExpression:
    case SyntaxKind.SatisfiesExpression:
      return true;
    default:
      return false;
  }
}

/** The outermost wrapper around `node` (or `node` itself). */
export function climbWrappers(node: ts.Node): ts.Node {
  while (node.parent && isWrapper(node.parent)) node = node.parent;
  return node;
}

/** What a wrapped expression is underneath. */
export function skipWrappers(node: ts.Expression): ts.Expression {
  while (isWrapper(node)) node = node.expression;
  return node;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return canHaveModifiers(node) && (getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

/** `declare` declarations exist only for the type checker. */
export function isAmbient(node: ts.Node): boolean {
  return hasModifier(node, SyntaxKind.DeclareKeyword);
}

/** The text of a module export name (`x` or `"string name"`). */
export function nameText(name: ts.Identifier | ts.StringLiteral | ts.ModuleExportName): string {
  return isIdentifier(name) ? name.text : (name as ts.StringLiteral).text;
}

/** React's rule: a lowercase or dashed tag is an intrinsic element, not a variable. */
export function isIntrinsicJsxName(name: string): boolean {
  const c = name.charCodeAt(0);
  return (c >= 97 && c <= 122) || name.includes('-');
}
