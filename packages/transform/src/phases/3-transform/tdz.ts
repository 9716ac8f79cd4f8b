import type ts from 'typescript';
import type { Analysis, Binding, Reference } from '../2-analyze/index.js';
import { isAmbient, skipWrappers } from '../2-analyze/syntax.js';
import {
  SyntaxKind,
  getDecorators,
  getModifiers,
  isArrayLiteralExpression,
  isArrowFunction,
  isBigIntLiteral,
  isBinaryExpression,
  isCallExpression,
  isClassDeclaration,
  isExportDeclaration,
  isExpressionStatement,
  isFunctionDeclaration,
  isFunctionExpression,
  isFunctionLike,
  isIdentifier,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isInterfaceDeclaration,
  isLiteralExpression,
  isNewExpression,
  isNoSubstitutionTemplateLiteral,
  isNumericLiteral,
  isObjectLiteralExpression,
  isPrefixUnaryExpression,
  isPropertyAssignment,
  isShorthandPropertyAssignment,
  isSourceFile,
  isStringLiteral,
  isTypeAliasDeclaration,
  isVariableStatement,
  kindSet,
} from '../../ts.js';

/**
 * The temporal dead zone under VIMAGE on. A slot holds a value before its declaration ran, so
 * an access that can run that early also reads the binding itself, which the output keeps
 * (rewrite.ts, accessForms): the host's own binding throws ReferenceError exactly where the
 * plain build does. Accesses that provably run after the declaration get no check.
 *
 * Returns, for a binding of this module, which of its references need the check; imported
 * bindings (a module in an import cycle can run before the one it imports) always do.
 */
export function tdzCheck(a: Analysis, binding: Binding): (ref: Reference) => boolean {
  if (binding.kind === 'import') return () => true;
  if (binding.kind !== 'let' && binding.kind !== 'const') return () => false;
  const decl = binding.declaration;
  let early: boolean | undefined;
  return (ref) => {
    if (ref.node.pos < decl.end) return true;
    const hoisted = outermostFunction(ref.node);
    if (!hoisted || !isFunctionDeclaration(hoisted) || !isSourceFile(hoisted.parent)) return false;
    // A function declaration exists before any code runs: it is early if something can call
    // it before the declaration (code that runs before it, or a module of an import cycle).
    early ??= runsCodeBefore(a, decl) || (isExported(hoisted) && importsModules(a));
    return early;
  };
}

/** The outermost function-like node around `node`: only a function declaration is hoisted. */
function outermostFunction(node: ts.Node): ts.Node | undefined {
  let found: ts.Node | undefined;
  for (let n = node.parent; n && !isSourceFile(n); n = n.parent) if (isFunctionLike(n)) found = n;
  return found;
}

function isExported(fn: ts.FunctionDeclaration): boolean {
  return !!fn.modifiers?.some((m) => m.kind === SyntaxKind.ExportKeyword) || hasExportList(fn);
}

function hasExportList(fn: ts.FunctionDeclaration): boolean {
  const name = fn.name?.text;
  return (
    !!name &&
    fn
      .getSourceFile()
      .statements.some(
        (s) =>
          isExportDeclaration(s) &&
          !s.moduleSpecifier &&
          !!s.exportClause &&
          'elements' in s.exportClause &&
          s.exportClause.elements.some((e) => (e.propertyName ?? e.name).getText() === name),
      )
  );
}

/** Another module can only run first in an import cycle: a value import or re-export. */
function importsModules(a: Analysis): boolean {
  const other = (i: { typeOnly: boolean; source: string }) =>
    !i.typeOnly && i.source !== a.runtimeModule;
  return a.imports.some(other) || a.reexports.some((r) => r.source !== a.runtimeModule);
}

/** Whether top-level code up to the end of `decl` can run user code (calls, getters, ...). */
function runsCodeBefore(a: Analysis, decl: ts.Node): boolean {
  for (const s of a.sourceFile.statements) {
    if (s.pos >= decl.end) break;
    if (!inertStatement(a, s, decl.end)) return true;
  }
  return false;
}

function inertStatement(a: Analysis, s: ts.Statement, end: number): boolean {
  if (isImportDeclaration(s) || isExportDeclaration(s) || isFunctionDeclaration(s)) return true;
  if (isInterfaceDeclaration(s) || isTypeAliasDeclaration(s) || isAmbient(s)) return true;
  if (s.kind === SyntaxKind.EmptyStatement) return true;
  // `import rt = require(...)` runs the required module, unless it is the runtime's.
  if (isImportEqualsDeclaration(s)) {
    return s.isTypeOnly || a.imports.some((i) => i.node === s && i.source === a.runtimeModule);
  }
  if (isExpressionStatement(s)) return isLiteralExpression(s.expression);
  if (isClassDeclaration(s)) {
    return (
      !getDecorators(s)?.length &&
      !s.heritageClauses &&
      s.members.every(
        (m) =>
          m.kind !== SyntaxKind.ClassStaticBlockDeclaration &&
          !getModifiers(m as ts.HasModifiers)?.some((x) => x.kind === SyntaxKind.StaticKeyword) &&
          !getDecorators(m as ts.HasDecorators)?.length &&
          (!m.name || m.name.kind !== SyntaxKind.ComputedPropertyName),
      )
    );
  }
  if (!isVariableStatement(s)) return false;
  return s.declarationList.declarations.every(
    (d) =>
      d.pos >= end ||
      (isIdentifier(d.name) && (!d.initializer || inertExpression(a, d.initializer))),
  );
}

const CONSTANTS = kindSet('TrueKeyword', 'FalseKeyword', 'NullKeyword');

/** Builtins whose construction runs no user code, unless the module declares the name. */
const BUILTINS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object', 'Date', 'Error']);

/**
 * `1 << 30`, `60 * 1000`, `'v' + 2`: operators over number, bigint and string literals convert
 * nothing that user code could observe (no valueOf, no toString of an object).
 */
function constantArithmetic(node: ts.Expression): boolean {
  const e = skipWrappers(node);
  if (
    isNumericLiteral(e) ||
    isBigIntLiteral(e) ||
    isStringLiteral(e) ||
    isNoSubstitutionTemplateLiteral(e)
  )
    return true;
  if (isPrefixUnaryExpression(e)) return constantArithmetic(e.operand);
  return (
    isBinaryExpression(e) &&
    ARITHMETIC.has(e.operatorToken.kind) &&
    constantArithmetic(e.left) &&
    constantArithmetic(e.right)
  );
}

const ARITHMETIC = kindSet(
  'PlusToken',
  'MinusToken',
  'AsteriskToken',
  'AsteriskAsteriskToken',
  'SlashToken',
  'PercentToken',
  'LessThanLessThanToken',
  'GreaterThanGreaterThanToken',
  'GreaterThanGreaterThanGreaterThanToken',
  'AmpersandToken',
  'BarToken',
  'CaretToken',
);

function inertExpression(a: Analysis, node: ts.Expression): boolean {
  const e = skipWrappers(node);
  if (isLiteralExpression(e) || isIdentifier(e) || isFunctionExpression(e)) return true;
  if (isArrowFunction(e) || CONSTANTS.has(e.kind)) return true;
  if (isPrefixUnaryExpression(e)) return isLiteralExpression(e.operand);
  if (isBinaryExpression(e)) return constantArithmetic(e);
  if (isArrayLiteralExpression(e)) {
    return e.elements.every((x) => x.kind !== SyntaxKind.SpreadElement && inertExpression(a, x));
  }
  if (isObjectLiteralExpression(e)) {
    return e.properties.every(
      (p) =>
        isShorthandPropertyAssignment(p) ||
        isFunctionLike(p) ||
        (isPropertyAssignment(p) &&
          p.name.kind !== SyntaxKind.ComputedPropertyName &&
          inertExpression(a, p.initializer)),
    );
  }
  if (isCallExpression(e)) {
    // The marker itself: VNET_DEFINE(v) runs nothing but v.
    const callee = skipWrappers(e.expression);
    const marker = a.markerUses.some((u) => u.name === 'VNET_DEFINE' && callee === u.node);
    return marker && e.arguments.length === 1 && inertExpression(a, e.arguments[0]!);
  }
  if (isNewExpression(e) && isIdentifier(e.expression) && BUILTINS.has(e.expression.text)) {
    const args = e.arguments ?? [];
    return !a.module.bindings.has(e.expression.text) && args.every((x) => inertExpression(a, x));
  }
  return false;
}
