import type ts from 'typescript';
import type MagicString from 'magic-string';
import type { Analysis, Binding, Reference } from '../2-analyze/index.js';
import { assignmentTarget } from '../2-analyze/references.js';
import { climbWrappers } from '../2-analyze/syntax.js';
import { TransformError, nodeAt } from '../../error.js';
import { errors } from '../../codes.js';
import type { ModuleExports } from '../../types.js';
import { refSlot, type Plan } from './plan.js';
import { keepName } from './names.js';
import { tdzCheck } from './tdz.js';
import {
  ModifierFlags,
  findAncestor,
  getCombinedModifierFlags,
  isBinaryExpression,
  isCallExpression,
  isDecorator,
  isDeleteExpression,
  isDoStatement,
  isElementAccessExpression,
  isExpressionStatement,
  isForInStatement,
  isForOfStatement,
  isFunctionLike,
  isIdentifier,
  isIfStatement,
  isIterationStatement,
  isJsxClosingElement,
  isJsxOpeningElement,
  isJsxSelfClosingElement,
  isLabeledStatement,
  isNewExpression,
  isPropertyAccessExpression,
  isShorthandPropertyAssignment,
  isStringLiteralLike,
  isTaggedTemplateExpression,
  isStatement,
  isVariableDeclaration,
  isWithStatement,
  kindSet,
} from '../../ts.js';

/** `__vimage.c[$vnet_x]`: the current vnet's slot of x. */
export function accessOf(plan: Plan, slotVar: string): string {
  return `${plan.linker}.c[${slotVar}]`;
}

/** The texts one access of a slot is written as, by where it stands. */
export interface Access {
  read: string;
  target: string;
  /** A callee that gets `this` undefined. */
  callee: string;
}

/**
 * An access that can run before the declaration indexes the slot through a test of `guard`
 * (the binding, or the namespace member): `__vimage.c[x === __vimage ? -1 : $vnet_x]`. Reading
 * the binding throws in its temporal dead zone exactly where the plain build does (see
 * tdz.ts), and the test's value is used, so no bundler or minifier drops the read as dead.
 */
export function accessForms(plan: Plan, slotVar: string, guard?: string): Access {
  return formsOf(
    guard
      ? `${plan.linker}.c[${guard} === ${plan.linker} ? -1 : ${slotVar}]`
      : accessOf(plan, slotVar),
  );
}

/** One read written in every position: a callee gets `this` undefined. */
function formsOf(read: string): Access {
  return { read, target: read, callee: `(0, ${read})` };
}

/**
 * The target of a `for await` head is assigned after each resumption, before the body runs:
 * `__vimage.s($vn)[$vnet_x]` re-enters the function's vnet there (see curvnet.ts).
 */
function resumedAccessOf(plan: Plan, slotVar: string, loop: ts.ForOfStatement): string {
  return `${plan.linker}.s(${resumeArgument(plan, loop)})[${slotVar}]`;
}

/**
 * What a resumption in `node`'s function re-enters: the vnet an async function captured, or
 * (generators) the store's.
 */
export function resumeArgument(plan: Plan, node: ts.Node): string {
  const fn = findAncestor(node.parent, isFunctionLike) as ts.FunctionLikeDeclaration | undefined;
  return fn && !fn.asteriskToken && getCombinedModifierFlags(fn) & ModifierFlags.Async
    ? plan.vnLocal()
    : '';
}

/** The for-await loop whose head `node` is in, if any. */
function forAwaitHeadOf(node: ts.Node): ts.ForOfStatement | undefined {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (isForOfStatement(p)) return p.initializer === n && p.awaitModifier ? p : undefined;
    if (isStatement(p)) return undefined;
  }
  return undefined;
}

/** Every reference of a virtualized binding becomes an access of its slot in the current vnet. */
export function rewriteReferences(ms: MagicString, a: Analysis, plan: Plan): void {
  for (const [binding, slotVar] of plan.access) {
    const early = tdzCheck(a, binding);
    const plain = accessForms(plan, slotVar);
    for (const ref of binding.references) {
      if (ref.exportSpecifier) continue;
      const loop = plan.reenters && ref.forHead ? forAwaitHeadOf(ref.node) : undefined;
      rewriteReference(
        ms,
        a,
        ref,
        loop
          ? formsOf(resumedAccessOf(plan, slotVar, loop))
          : early(ref)
            ? accessForms(plan, slotVar, ref.node.text)
            : plain,
      );
      plan.accesses.push(ref.node);
    }
    if (binding.kind === 'var') rewriteVarRedeclarations(ms, a, plan, binding, slotVar);
  }
  for (const [binding, exports] of plan.namespaces) {
    for (const ref of binding.references) rewriteNamespaceUse(ms, a, plan, ref, exports);
  }
}

/**
 * `var x = v` once more, or `for (var x of ...)`, assigns a virtualized var without being a
 * reference: the initializer also goes to the slot (`var x = <slot> = v`), and a for head
 * assigns the slot instead (x is declared anyway by the marked declaration).
 */
function rewriteVarRedeclarations(
  ms: MagicString,
  a: Analysis,
  plan: Plan,
  binding: Binding,
  slotVar: string,
): void {
  const marked = new Set<ts.Node>(plan.own.map((o) => o.v.declaration));
  for (const id of [binding.identifier, ...binding.redeclarations]) {
    const d = id?.parent;
    if (!d || !isVariableDeclaration(d) || d.name !== id || marked.has(d)) continue;
    const list = d.parent;
    const loop = list.parent;
    if ((isForInStatement(loop) || isForOfStatement(loop)) && loop.initializer === list) {
      const resumed = plan.reenters && isForOfStatement(loop) && !!loop.awaitModifier;
      ms.overwrite(
        list.getStart(a.sourceFile),
        list.end,
        resumed ? resumedAccessOf(plan, slotVar, loop) : accessOf(plan, slotVar),
      );
      plan.accesses.push(d);
    } else if (d.initializer) {
      ms.appendLeft(d.initializer.getStart(a.sourceFile), `${accessOf(plan, slotVar)} = `);
      plan.accesses.push(d);
    }
  }
}

/**
 * VIMAGE off: which symbols the namespace uses reach, without editing. Named imports are in
 * the plan already; without this pass a module that reaches virtualized globals only through
 * `ns.x` would register no references when VIMAGE is off, and its meta would differ by mode.
 */
export function collectNamespaceRefs(a: Analysis, plan: Plan): void {
  for (const [binding, exports] of plan.namespaces) {
    for (const ref of binding.references) rewriteNamespaceUse(null, a, plan, ref, exports);
  }
}

function rewriteReference(ms: MagicString, a: Analysis, ref: Reference, access: Access): void {
  const id = ref.node;
  const start = id.getStart(a.sourceFile);
  // `export { x as y }` names the binding; importers resolve it to the slot.
  if (ref.exportSpecifier) return;
  if (ref.jsxTag) throw jsxTagError(a, id, id.text);
  // `<x.Button />`: the object of a member tag is not itself the tag, but is inside it.
  let chain: ts.Node = id;
  while (isPropertyAccessExpression(chain.parent) && chain.parent.expression === chain)
    chain = chain.parent;
  if (chain !== id && isJsxTagName(chain)) throw jsxTagError(a, chain as ts.Expression, id.text);
  const target = ref.kind !== 'read';
  if (ref.shorthand)
    return void ms.overwrite(start, id.end, `${id.text}: ${target ? access.target : access.read}`);
  if (ref.call)
    return void ms.overwrite(start, id.end, guardStatementStart(a, id, callee(id, access)));
  ms.overwrite(start, id.end, target ? access.target : access.read);
  // `x = () => 1` names the arrow x; `__vimage.c[$s] = () => 1` would not.
  const top = climbWrappers(id);
  const assign = top.parent;
  if (isBinaryExpression(assign) && assign.left === top && NAMING.has(assign.operatorToken.kind))
    keepName(ms, a, assign.right, id.text);
}

const NAMING = kindSet(
  'EqualsToken',
  'QuestionQuestionEqualsToken',
  'BarBarEqualsToken',
  'AmpersandAmpersandEqualsToken',
);

/** `<X />`, `</X>`, `<ns.X>`: a tag must stay a name or a member chain, never a slot lookup. */
function isJsxTagName(node: ts.Node): boolean {
  const p = node.parent;
  return (
    (isJsxOpeningElement(p) || isJsxSelfClosingElement(p) || isJsxClosingElement(p)) &&
    p.tagName === node
  );
}

function jsxTagError(a: Analysis, tag: ts.Expression, global: string): TransformError {
  const text = tag.getText(a.sourceFile);
  const local = `${text.replace(/^.*\./, '')}Tag`;
  const use = global === text ? 'is used as a JSX tag' : `is used in the JSX tag <${text}>`;
  return new TransformError(errors.jsxTag(global, use, local, text), nodeAt(a, tag));
}

/**
 * A callee must not receive the slot array as `this`: `(0, access)()`; a decorator takes it
 * parenthesized.
 */
function callee(id: ts.Identifier, access: Access): string {
  return isDecorator(climbWrappers(id).parent) ? `(${access.read})` : access.callee;
}

/**
 * `ns.x` / `ns['x']` of a namespace that reaches a virtualized global becomes the access;
 * `ns.inner.x` follows re-exported namespaces. Any other use of the namespace object (passed
 * on, destructured, indexed by a variable) gets a view whose virtualized names read the
 * current vnet. Writes through a namespace stay as written: they throw, as in plain ESM.
 */
function rewriteNamespaceUse(
  ms: MagicString | null,
  a: Analysis,
  plan: Plan,
  ref: Reference,
  exports: ModuleExports,
): void {
  if (ref.exportSpecifier) return;
  let node: ts.Expression = climbWrappers(ref.node) as ts.Expression;
  let current = exports;
  for (;;) {
    const member = memberName(node);
    if (member === undefined) break;
    const target = current[member];
    if (!target || 'marker' in target) return; // a plain export (or a marker): untouched
    const parent = node.parent as ts.Expression;
    if ('namespace' in target) {
      current = target.namespace;
      node = climbWrappers(parent) as ts.Expression;
      continue;
    }
    const top = climbWrappers(parent);
    if (isWriteTarget(top)) return;
    const slotVar = refSlot(plan, target.symbol, `${member}`);
    const start = parent.getStart(a.sourceFile);
    if (!ms) return;
    plan.accesses.push(parent);
    if (isJsxTagName(parent)) throw jsxTagError(a, parent, parent.getText(a.sourceFile));
    // The namespace's module may not have run yet (an import cycle): `ns.x` throws then.
    const access = accessForms(plan, slotVar, a.code.slice(start, parent.end));
    // `this` of a call through the namespace: the view the namespace is wherever it escapes.
    const ns = viewOf(plan, a.code.slice(node.getStart(a.sourceFile), node.end), current);
    const call = top.parent;
    if (isCallExpression(call) && call.expression === top)
      return namespaceCall(ms, a, call, ns, access.read);
    if (isTaggedTemplateExpression(call) && call.tag === top) {
      // `ns.tag`…`` is called with this = the namespace too.
      return void ms.overwrite(top.getStart(a.sourceFile), top.end, `${access.read}.bind(${ns})`);
    }
    const isNew = isNewExpression(call) && call.expression === top;
    ms.overwrite(
      start,
      parent.end,
      isNew ? guardStatementStart(a, parent, access.callee) : access.read,
    );
    return;
  }
  // The namespace object itself escapes: hand out the view.
  const start = node.getStart(a.sourceFile);
  const view = viewOf(plan, a.code.slice(start, node.end), current);
  if (!view || !ms) return;
  if (isJsxTagName(node)) throw jsxTagError(a, node, node.getText(a.sourceFile));
  if (isShorthandPropertyAssignment(ref.node.parent))
    ms.overwrite(start, node.end, `${ref.node.text}: ${view}`);
  else ms.overwrite(start, node.end, view);
}

/** The runtime's view of a namespace (its virtualized names read the current vnet); '' for none. */
function viewOf(plan: Plan, text: string, exports: ModuleExports): string {
  const names = Object.entries(exports).filter(
    (e): e is [string, { symbol: string }] => 'symbol' in e[1],
  );
  if (!names.length) return '';
  const slots = names.map(([name, t]) => refSlot(plan, t.symbol, name));
  const keys = JSON.stringify(names.map(([n]) => n));
  return `${plan.linker}.view(${text}, ${keys}, [${slots.join(', ')}])`;
}

/**
 * `ns.f(a)` calls f with this = the namespace, as the plain build does: `<slot>.call(view, a)`,
 * and `ns.f?.(a)` becomes `<slot>?.call(view, a)`. Type arguments go (the output is stripped
 * anyway).
 */
function namespaceCall(
  ms: MagicString,
  a: Analysis,
  call: ts.CallExpression,
  ns: string,
  read: string,
): void {
  const from = call.typeArguments ? call.typeArguments.end : call.expression.end;
  const open = a.code.indexOf('(', from);
  const optional = call.questionDotToken ? '?.' : '.';
  ms.overwrite(
    call.expression.getStart(a.sourceFile),
    open + 1,
    `${read}${optional}call(${ns}${call.arguments.length ? ', ' : ''}`,
  );
}

function memberName(node: ts.Node): string | undefined {
  const p = node.parent;
  if (isPropertyAccessExpression(p) && p.expression === node && isIdentifier(p.name))
    return p.name.text;
  if (
    isElementAccessExpression(p) &&
    p.expression === node &&
    isStringLiteralLike(p.argumentExpression)
  )
    return p.argumentExpression.text;
  return undefined;
}

/** Writes, updates, deletes, destructuring targets, for-in/of heads via a namespace: as written. */
function isWriteTarget(node: ts.Node): boolean {
  return assignmentTarget(node) !== undefined || isDeleteExpression(node.parent);
}

/**
 * Text that now begins with `(` at the start of an expression statement would continue the
 * previous statement when that one relies on ASI (`foo\nx()` must not become `foo\n(0, …)()`).
 */
export function guardStatementStart(a: Analysis, node: ts.Node, text: string): string {
  let n: ts.Node = node;
  const start = node.getStart(a.sourceFile);
  while (n.parent && !isExpressionStatement(n) && n.parent.getStart(a.sourceFile) === start)
    n = n.parent;
  if (!isExpressionStatement(n) || n.getStart(a.sourceFile) !== start) return text;
  const list = (n.parent as { statements?: ts.NodeArray<ts.Statement> }).statements;
  if (!list) return text;
  const i = list.indexOf(n as ts.Statement);
  if (i <= 0) return text;
  let prev: ts.Statement = list[i - 1]!;
  // `if (c) a`, `else a`, `for (;;) a`, `while (c) a`, `l: a` end with their nested statement.
  for (;;) {
    if (isIfStatement(prev)) prev = prev.elseStatement ?? prev.thenStatement;
    else if (isIterationStatement(prev, false) && !isDoStatement(prev)) prev = prev.statement;
    else if (isLabeledStatement(prev) || isWithStatement(prev)) prev = prev.statement;
    else break;
  }
  const endsOpen = a.code.charCodeAt(prev.end - 1) !== 59 /* ; */ && ASI_PRONE.has(prev.kind);
  return endsOpen ? `;${text}` : text;
}

const ASI_PRONE = kindSet(
  'ExpressionStatement',
  'VariableStatement',
  'ExportAssignment',
  'ReturnStatement',
  'ThrowStatement',
  'DoStatement',
  'ImportDeclaration',
  'ExportDeclaration',
  'BreakStatement',
  'ContinueStatement',
  'DebuggerStatement',
  'TypeAliasDeclaration',
);
