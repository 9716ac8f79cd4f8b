import { ts } from 'ts-morph';

/** Parentheses, `as`, `satisfies`, `!` and `<T>x` change no binding: look through them. */
export function climbWrappers(node: ts.Node): ts.Node {
  let n = node;
  while (
    ts.isParenthesizedExpression(n.parent) ||
    ts.isAsExpression(n.parent) ||
    ts.isSatisfiesExpression(n.parent) ||
    ts.isNonNullExpression(n.parent) ||
    ts.isTypeAssertionExpression(n.parent)
  ) {
    n = n.parent;
  }
  return n;
}

/** `x = v`, `x += v`, `x++`, `for (x of xs)`, `[x] = a`, `({ x } = o)`, `({ k: x = 1 } = o)`: the node is written. */
export function isAssignmentTarget(node: ts.Node): boolean {
  const n = climbWrappers(node);
  const p = n.parent;
  if (ts.isBinaryExpression(p)) return p.left === n && isAssignmentOperator(p.operatorToken.kind) ? true : false;
  if (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) return p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken;
  if (ts.isForInStatement(p) || ts.isForOfStatement(p)) return p.initializer === n;
  // Destructuring assignment: an element of an array/object literal that is itself a target.
  if (ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p) || ts.isSpreadAssignment(p)) return isAssignmentTarget(ts.isSpreadAssignment(p) ? p.parent : p);
  if (ts.isShorthandPropertyAssignment(p) && p.name === n) return isAssignmentTarget(p.parent);
  if (ts.isPropertyAssignment(p) && p.initializer === n) return isAssignmentTarget(p.parent);
  return false;
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** Methods that change the array, Map or Set they are called on. */
const MUTATORS: ReadonlySet<string> = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'delete', 'clear', 'add']);

/**
 * `x.p = v`, `x.a.b++`, `delete x[k]`, `[x.p] = a`, `x.push(v)`, `x.list.add(v)`: the object x holds
 * (or one it reaches through properties) changes.
 */
export function isMutation(ref: ts.Node): boolean {
  let n = climbWrappers(ref);
  while (true) {
    const access = n.parent;
    if (!(ts.isPropertyAccessExpression(access) || ts.isElementAccessExpression(access)) || access.expression !== n) return false;
    const outer = climbWrappers(access);
    if (isAssignmentTarget(outer) || ts.isDeleteExpression(outer.parent)) return true;
    const member = ts.isPropertyAccessExpression(access) ? access.name.text : ts.isStringLiteralLike(access.argumentExpression) ? access.argumentExpression.text : undefined;
    if (member !== undefined && MUTATORS.has(member) && ts.isCallExpression(outer.parent) && outer.parent.expression === outer) return true;
    n = outer;
  }
}
