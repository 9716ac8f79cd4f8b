import type ts from 'typescript';
import { assignmentTarget } from './references.js';
import { climbWrappers, hasModifier, skipWrappers } from './syntax.js';
import type { Analysis, Binding, Reference } from './types.js';
import {
  SyntaxKind,
  findAncestor,
  forEachChild,
  isArrayLiteralExpression,
  isArrowFunction,
  isCallExpression,
  isClassDeclaration,
  isClassLike,
  isClassStaticBlockDeclaration,
  isDeleteExpression,
  isElementAccessExpression,
  isFunctionDeclaration,
  isFunctionLike,
  isGetAccessor,
  isSetAccessor,
  getDecorators,
  isFunctionExpression,
  isIdentifier,
  isMethodDeclaration,
  isNewExpression,
  isNoSubstitutionTemplateLiteral,
  isNumericLiteral,
  isObjectLiteralExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isShorthandPropertyAssignment,
  isStringLiteral,
  isStringLiteralLike,
  isTemplateExpression,
  isVariableDeclaration,
} from '../../ts.js';

/** A module-level binding the module treats as mutable state, and the first evidence of it. */
export interface StateBinding {
  binding: Binding;
  reason: 'reassigned' | 'mutated';
  /** The first write (or mutation) in source order. */
  at: ts.Node;
  /** For 'mutated': the first change inside a function, which runs in whichever vnet calls it. */
  later?: ts.Node;
}

/**
 * The one definition of module state, for the plugin's `virtualize` and the `vimage virtualize`
 * codemod: a module-level `let`/`var` the module reassigns (importers cannot: ESM), and with
 * `objects` any module-level `let`/`var`/`const` whose object it may change. A change is a write
 * or `delete` through a property chain of the binding (`config.limits.max = n`), the binding or
 * such a chain given to `Object.assign` and its kin, or a method called through the chain that
 * cannot be proved to leave the object alone (`instance.setOptions(o)`): conservative, since a
 * missed change leaks one tenant's state into another. Marked bindings are not listed.
 */
export function moduleState(a: Analysis, options: { objects?: boolean }): StateBinding[] {
  const marked = new Set(a.virtualized.map((v) => v.binding));
  const out: StateBinding[] = [];
  for (const binding of a.module.bindings.values()) {
    if (marked.has(binding) || !binding.identifier) continue;
    const { kind } = binding;
    if (kind !== 'let' && kind !== 'var' && !(kind === 'const' && options.objects)) continue;
    const refs = [...binding.references].sort((x, y) => x.node.pos - y.node.pos);
    if (binding.reassigned) {
      const write =
        refs.find((r) => r.kind !== 'read')?.node ??
        binding.redeclarations[0] ??
        binding.identifier;
      out.push({ binding, reason: 'reassigned', at: write });
      continue;
    }
    if (!options.objects) continue;
    const init = initializerOf(binding);
    const changed = refs.filter((r) => changes(a, r, init));
    const later = changed.find((r) => findAncestor(r.node, isFunctionLike))?.node;
    if (changed.length) {
      out.push({ binding, reason: 'mutated', at: changed[0]!.node, ...(later && { later }) });
    }
  }
  return out.sort((x, y) => x.binding.identifier!.pos - y.binding.identifier!.pos);
}

function initializerOf(binding: Binding): ts.Expression | undefined {
  const d = binding.declaration;
  const own = isVariableDeclaration(d) && d.name === binding.identifier;
  return own && d.initializer ? skipWrappers(d.initializer) : undefined;
}

/** Calls that change their first argument. */
const CHANGES_FIRST_ARGUMENT: ReadonlySet<string> = new Set([
  'Object.assign',
  'Object.defineProperty',
  'Object.defineProperties',
  'Object.setPrototypeOf',
  'Reflect.set',
  'Reflect.defineProperty',
  'Reflect.deleteProperty',
  'Reflect.setPrototypeOf',
]);

/** Whether this reference may change the object the binding holds. */
function changes(a: Analysis, ref: Reference, init: ts.Expression | undefined): boolean {
  let n: ts.Node = climbWrappers(ref.node);
  for (let depth = 1; ; depth++) {
    const access = n.parent;
    const isAccess = isPropertyAccessExpression(access) || isElementAccessExpression(access);
    if (!isAccess || access.expression !== n) break;
    const outer = climbWrappers(access);
    if (assignmentTarget(outer) || isDeleteExpression(outer.parent)) return true;
    const call = outer.parent;
    const called = isCallExpression(call) && call.expression === outer;
    if (called && !pureCall(a, ref, access, depth, init)) return true;
    n = outer;
  }
  const call = n.parent;
  if (!isCallExpression(call) || call.arguments[0] !== n) return false;
  const callee = skipWrappers(call.expression);
  if (!isPropertyAccessExpression(callee) || !isIdentifier(callee.expression)) return false;
  const global = !a.module.bindings.has(callee.expression.text);
  return global && CHANGES_FIRST_ARGUMENT.has(`${callee.expression.text}.${callee.name.text}`);
}

/** Methods that read their receiver only. */
const PURE: { [kind: string]: ReadonlySet<string> } = {
  array: new Set([
    'at',
    'concat',
    'entries',
    'every',
    'filter',
    'find',
    'findIndex',
    'findLast',
    'findLastIndex',
    'flat',
    'flatMap',
    'forEach',
    'includes',
    'indexOf',
    'join',
    'keys',
    'lastIndexOf',
    'map',
    'reduce',
    'reduceRight',
    'slice',
    'some',
    'toString',
    'values',
    'toSorted',
    'toReversed',
    'toSpliced',
    'with',
  ]),
  map: new Set(['get', 'has', 'forEach', 'keys', 'values', 'entries']),
  set: new Set(['has', 'forEach', 'keys', 'values', 'entries']),
};
const ANY_OBJECT = new Set(['hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable']);

/**
 * A call through the binding's property chain that provably leaves the object alone: `f.call(o)`
 * and `o.m.call(x)` (the receiver is the argument, not the binding), reading methods of a literal
 * array, Map or Set, any method of a primitive, and a method of an object literal or of a class of
 * this module whose body never uses `this`.
 */
function pureCall(
  a: Analysis,
  ref: Reference,
  access: ts.PropertyAccessExpression | ts.ElementAccessExpression,
  depth: number,
  init: ts.Expression | undefined,
): boolean {
  const name = isPropertyAccessExpression(access)
    ? access.name.text
    : isStringLiteralLike(access.argumentExpression)
      ? access.argumentExpression.text
      : undefined;
  if (name === undefined) return false;
  if (name === 'call' || name === 'apply' || name === 'bind') {
    const args = (climbWrappers(access).parent as ts.CallExpression).arguments;
    const receiver = args[0] && skipWrappers(args[0]);
    return !(receiver && isIdentifier(receiver) && receiver.text === ref.node.text);
  }
  if (depth > 1 || !init) return false;
  const primitive =
    isStringLiteral(init) ||
    isNumericLiteral(init) ||
    isNoSubstitutionTemplateLiteral(init) ||
    isTemplateExpression(init);
  if (primitive) return true;
  if (ANY_OBJECT.has(name)) return true;
  if (isArrayLiteralExpression(init)) return PURE.array!.has(name);
  const builtin =
    isNewExpression(init) &&
    isIdentifier(init.expression) &&
    !a.module.bindings.has(init.expression.text);
  if (builtin) {
    const pure = PURE[(init.expression as ts.Identifier).text.toLowerCase()];
    if (pure) return pure.has(name);
  }
  const method = isObjectLiteralExpression(init)
    ? literalMethod(a, init, name)
    : isNewExpression(init)
      ? classMethod(a, init, name)
      : undefined;
  return !!method && !usesThis(method);
}

/** The function a literal's property `name` holds, when the literal says. */
function literalMethod(
  a: Analysis,
  literal: ts.ObjectLiteralExpression,
  name: string,
): ts.Node | undefined {
  for (const p of literal.properties) {
    if (p.name?.getText(a.sourceFile).replace(/^['"]|['"]$/g, '') !== name) continue;
    if (isMethodDeclaration(p)) return p;
    if (isPropertyAssignment(p)) {
      const value = skipWrappers(p.initializer);
      if (isArrowFunction(value) || isFunctionExpression(value)) return value;
      return isIdentifier(value) ? functionDeclared(a, value.text) : undefined;
    }
    if (isShorthandPropertyAssignment(p)) return functionDeclared(a, p.name.text);
  }
  return undefined;
}

function functionDeclared(a: Analysis, name: string): ts.Node | undefined {
  const d = a.module.bindings.get(name)?.declaration;
  return d && isFunctionDeclaration(d) ? d : undefined;
}

/** The instance method `name` of a class this module declares (not inherited: unknown). */
function classMethod(a: Analysis, created: ts.NewExpression, name: string): ts.Node | undefined {
  const callee = skipWrappers(created.expression);
  const d = isIdentifier(callee) ? a.module.bindings.get(callee.text)?.declaration : undefined;
  if (!d || !isClassDeclaration(d) || d.heritageClauses?.length) return undefined;
  for (const m of d.members) {
    if (hasModifier(m, SyntaxKind.StaticKeyword)) continue;
    if (m.name?.getText(a.sourceFile) !== name) continue;
    if (isMethodDeclaration(m)) return m;
    const arrow = isPropertyDeclaration(m) && m.initializer && isArrowFunction(m.initializer);
    if (arrow) return m.initializer;
  }
  return undefined;
}

/** `this` anywhere inside (arrows inherit it; conservative about nested functions too). */
function usesThis(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (n.kind === SyntaxKind.ThisKeyword || n.kind === SyntaxKind.SuperKeyword) found = true;
    else forEachChild(n, visit);
  };
  forEachChild(node, visit);
  return found;
}

/** A static class field the module assigns: module state of the class's. */
export interface StaticFieldState {
  cls: ts.ClassDeclaration;
  /** The binding the class is reached through. */
  binding: Binding;
  field: ts.PropertyDeclaration;
  /** The first assignment, in source order. */
  at: ts.Node;
}

/**
 * The static fields (not decorated, `declare` or `accessor`) of the module's class declarations
 * that the module assigns, through the class name or `this` in static code.
 */
export function staticFieldState(a: Analysis): StaticFieldState[] {
  const out: StaticFieldState[] = [];
  for (const s of a.sourceFile.statements) {
    const cls = isClassDeclaration(s) ? s : undefined;
    if (!cls?.name) continue;
    const binding = a.module.bindings.get(cls.name.text);
    if (!binding) continue;
    const fields = new Map<string, ts.PropertyDeclaration>();
    for (const m of cls.members) {
      if (!isPropertyDeclaration(m) || !isIdentifier(m.name) || getDecorators(m)?.length) continue;
      const plain =
        !hasModifier(m, SyntaxKind.DeclareKeyword) && !hasModifier(m, SyntaxKind.AccessorKeyword);
      if (hasModifier(m, SyntaxKind.StaticKeyword) && plain) fields.set(m.name.text, m);
    }
    if (!fields.size) continue;
    const assigned = new Map<string, ts.Node>();
    const visit = (node: ts.Node, staticThis: boolean): void => {
      const field =
        isPropertyAccessExpression(node) && isIdentifier(node.name) && fields.has(node.name.text);
      if (field && assignmentTarget(climbWrappers(node))) {
        const target = node.expression;
        const viaName =
          isIdentifier(target) &&
          a.references.some(
            (r) => r.node === target && (r.binding === binding || r.binding?.declaration === cls),
          );
        const viaThis = target.kind === SyntaxKind.ThisKeyword && staticThis;
        if ((viaName || viaThis) && !assigned.has(node.name.text))
          assigned.set(node.name.text, node);
      }
      // `this` is the class in static methods, static blocks and static field initializers (not
      // in nested functions).
      const member =
        isMethodDeclaration(node) ||
        isClassStaticBlockDeclaration(node) ||
        isPropertyDeclaration(node) ||
        isGetAccessor(node) ||
        isSetAccessor(node);
      const isStaticCode = member
        ? isClassStaticBlockDeclaration(node) || hasModifier(node, SyntaxKind.StaticKeyword)
        : undefined;
      const ownThis =
        isFunctionExpression(node) || isFunctionDeclaration(node) || isClassLike(node);
      const nextThis =
        isStaticCode !== undefined
          ? isStaticCode && node.parent === cls
          : ownThis
            ? false
            : staticThis;
      forEachChild(node, (c) => visit(c, nextThis));
    };
    visit(a.sourceFile, false);
    for (const [name, field] of fields) {
      const at = assigned.get(name);
      if (at) out.push({ cls, binding, field, at });
    }
  }
  return out;
}
