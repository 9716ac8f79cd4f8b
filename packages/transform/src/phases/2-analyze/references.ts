import type ts from 'typescript';
import { climbWrappers } from './syntax.js';
import type { Binding, Reference, Scope } from './types.js';
import {
  SyntaxKind,
  isArrayLiteralExpression,
  isBinaryExpression,
  isCallExpression,
  isDecorator,
  isExportAssignment,
  isExportSpecifier,
  isForInStatement,
  isForOfStatement,
  isJsxClosingElement,
  isJsxOpeningElement,
  isJsxSelfClosingElement,
  isNewExpression,
  isPostfixUnaryExpression,
  isPrefixUnaryExpression,
  isPropertyAssignment,
  isQualifiedName,
  isShorthandPropertyAssignment,
  isSpreadAssignment,
  isSpreadElement,
  isTaggedTemplateExpression,
  isTypeOfExpression,
  tokenToString,
} from '../../ts.js';

/** A reference to `id` in `scope`, classified: read, write, call, ... (see Reference). */
export function referenceTo(id: ts.Identifier, scope: Scope): Reference {
  return new Ref(id, scope);
}

/** One class, one shape for every reference: the walk makes thousands. */
class Ref implements Reference {
  binding: Binding | null = null;
  kind: Reference['kind'] = 'read';
  call = false;
  shorthand = false;
  update: Reference['update'] = undefined;
  operator: string | undefined = undefined;
  pattern = false;
  forHead = false;
  typeofOperand = false;
  exportSpecifier = false;
  defaultExport = false;
  jsxTag: Reference['jsxTag'] = undefined;

  constructor(
    readonly node: ts.Identifier,
    readonly scope: Scope,
  ) {
    const parent = node.parent;
    if (isExportSpecifier(parent)) {
      this.exportSpecifier = true;
      return;
    }
    if (isShorthandPropertyAssignment(parent)) this.shorthand = true;
    if ((isJsxOpeningElement(parent) || isJsxSelfClosingElement(parent)) && parent.tagName === node)
      this.jsxTag = 'open';
    if (isJsxClosingElement(parent)) this.jsxTag = 'close';
    const top = climbWrappers(node);
    const p = top.parent;
    if (isTypeOfExpression(p)) this.typeofOperand = true;
    if (isExportAssignment(p)) this.defaultExport = !p.isExportEquals;
    if (isCallee(top)) this.call = true;
    if ((isPrefixUnaryExpression(p) || isPostfixUnaryExpression(p)) && isUpdate(p.operator)) {
      this.kind = 'readwrite';
      this.update = isPrefixUnaryExpression(p) ? 'prefix' : 'postfix';
    }
    const target = assignmentTarget(top);
    if (target) {
      this.kind = target.kind;
      this.pattern = target.pattern;
      this.forHead = target.forHead;
      if (target.operator !== undefined) this.operator = target.operator;
    }
  }
}

function isUpdate(op: ts.SyntaxKind): boolean {
  return op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken;
}

/** The callee of a call, optional call, `new`, tagged template or decorator (this=undefined). */
export function isCallee(top: ts.Node): boolean {
  const p = top.parent;
  return (
    ((isCallExpression(p) || isNewExpression(p) || isDecorator(p)) && p.expression === top) ||
    (isTaggedTemplateExpression(p) && p.tag === top)
  );
}

interface Target {
  kind: 'write' | 'readwrite';
  operator?: string;
  pattern: boolean;
  forHead: boolean;
}

/**
 * How `e` (already climbed out of wrappers) is assigned to, if it is: the left of an
 * assignment, an update, a for-in/of head, or a target inside a destructuring pattern.
 */
export function assignmentTarget(e: ts.Node): Target | undefined {
  const p = e.parent;
  if (isBinaryExpression(p) && p.left === e && isAssignment(p.operatorToken.kind)) {
    if (p.operatorToken.kind !== SyntaxKind.EqualsToken) {
      return {
        kind: 'readwrite',
        operator: tokenToString(p.operatorToken.kind),
        pattern: false,
        forHead: false,
      };
    }
    // `x = 1` may be an element with a default inside a pattern: `[x = 1] = a`.
    const outer = literalOf(p);
    const context = outer && patternContext(outer);
    return { kind: 'write', pattern: !!context, forHead: context?.forHead ?? false };
  }
  if ((isForInStatement(p) || isForOfStatement(p)) && p.initializer === e) {
    return { kind: 'write', pattern: false, forHead: true };
  }
  if ((isPrefixUnaryExpression(p) || isPostfixUnaryExpression(p)) && isUpdate(p.operator)) {
    return { kind: 'readwrite', pattern: false, forHead: false };
  }
  const outer = literalOf(e);
  const context = outer && patternContext(outer);
  return context ? { kind: 'write', pattern: true, forHead: context.forHead } : undefined;
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
}

/** The array/object literal `n` is an element (value, rest, shorthand) of, if any. */
function literalOf(n: ts.Node): ts.ArrayLiteralExpression | ts.ObjectLiteralExpression | undefined {
  const p = n.parent;
  if (isArrayLiteralExpression(p)) return p;
  if (isSpreadElement(p) && isArrayLiteralExpression(p.parent)) return p.parent;
  if (isPropertyAssignment(p) && p.initializer === n) return p.parent;
  if (isShorthandPropertyAssignment(p) && p.name === n) return p.parent;
  if (isSpreadAssignment(p)) return p.parent;
  return undefined;
}

/**
 * Whether a literal is a destructuring-assignment pattern, and if so whether of a for-in/of head.
 */
function patternContext(
  lit: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression,
): { forHead: boolean } | undefined {
  const p = lit.parent;
  if (isBinaryExpression(p) && p.left === lit && p.operatorToken.kind === SyntaxKind.EqualsToken) {
    // A nested pattern with a default (`[{ a } = d] = v`) belongs to the outer one.
    const outer = literalOf(p);
    return (outer && patternContext(outer)) ?? { forHead: false };
  }
  if ((isForInStatement(p) || isForOfStatement(p)) && p.initializer === lit)
    return { forHead: true };
  const outer = literalOf(lit);
  return outer && patternContext(outer);
}

/**
 * Identifiers that are names, not variables: member and property names, declared names,
 * labels, specifier names, meta properties. A safety net behind the walker, which
 * already steers around most of them.
 */
export function isNameOnly(id: ts.Identifier): boolean {
  const p = id.parent as ts.Node & {
    name?: ts.Node;
    label?: ts.Node;
    propertyName?: ts.Node;
    tagName?: ts.Node;
  };
  if (isShorthandPropertyAssignment(p) || isExportSpecifier(p)) return false;
  if (p.name === id || p.label === id || p.propertyName === id) return true;
  if (isQualifiedName(p)) return p.right === id;
  return false;
}
