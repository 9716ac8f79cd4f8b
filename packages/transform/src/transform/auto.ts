import type ts from 'typescript';
import type MagicString from 'magic-string';
import type { Analysis, Binding, Virtualized } from '../analyze/index.js';
import { moduleState, staticFieldState } from '../analyze/module-state.js';
import { climbWrappers, skipWrappers } from '../analyze/syntax.js';
import { locate, codeFrame } from '../error.js';
import type { OwnSlot, Plan } from './plan.js';
import { keepName } from './names.js';
import {
  SyntaxKind, findAncestor, isBinaryExpression, isClassDeclaration, isElementAccessExpression,
  isExpressionStatement, isIdentifier, isNewExpression, isPrivateIdentifier,
  isPropertyAccessExpression, isVariableDeclaration, isVariableStatement,
} from '../ts.js';

/** What the virtualize option chooses in one module. */
export interface VirtualizeOptions {
  /** Also module-level bindings whose object is mutated after creation, not only reassigned ones. */
  objects?: boolean;
}

/** A pattern that defeats isolation in automatically virtualized code: reported, not fatal. */
export interface TransformWarning {
  code: 'VIMAGE_W_ESCAPE' | 'VIMAGE_W_DYNAMIC';
  message: string;
  loc: { file: string; line: number; column: number };
  frame: string;
}

/**
 * The module's state as analyze/module-state.ts defines it (the codemod uses the same rule), and a
 * static class field the module assigns. Functions, classes and imports never are. A module with
 * `eval` or `with` is left alone: its names cannot be known at build time.
 */
export function autoVirtualized(a: Analysis, options: VirtualizeOptions, warnings: TransformWarning[]): Virtualized[] {
  if (a.evals.length || a.withs.length) {
    const node = a.evals[0] ?? a.withs[0]!;
    warnings.push(warning(a, 'VIMAGE_W_DYNAMIC', node, `${a.evals.length ? 'direct eval' : 'a with statement'} in this module: its globals were not virtualized, so every vnet shares them`));
    return [];
  }
  const out: Virtualized[] = [];
  for (const { binding, later } of moduleState(a, options)) {
    const declaration = findAncestor(binding.identifier!, isVariableDeclaration);
    if (!declaration) continue;
    // `for (let i ...)` at module level: only a simple name in the head can be wrapped.
    const inStatement = isVariableStatement(declaration.parent.parent);
    if (!inStatement && !isIdentifier(declaration.name)) continue;
    const v: Virtualized = {
      binding,
      name: binding.name,
      form: 'auto',
      declaration,
      initializer: isIdentifier(declaration.name) ? declaration.initializer : undefined,
      marker: declaration,
      markerRange: { start: declaration.pos, end: declaration.pos },
    };
    out.push(v);
    if (later) changedLater.set(v, later);
  }
  out.push(...assignedStaticFields(a));
  out.sort((x, y) => x.declaration.pos - y.declaration.pos);
  dynamicCode(a, warnings);
  return out;
}

/** Automatic globals whose object is changed inside a function: where, first. */
const changedLater = new WeakMap<Virtualized, ts.Node>();

/**
 * An automatic global changed by code any vnet may run, whose value the runtime shares instead of
 * copying (a function such as dayjs's, a WeakMap, an instance of a class of this module with
 * `#private` fields): the change reaches every vnet. Found from the syntax; a value only run time
 * can judge (an instance of an imported class) is not reported.
 */
export function sharedState(a: Analysis, plan: Plan, warnings: TransformWarning[]): void {
  plan.own.forEach((o, i) => {
    const at = changedLater.get(o.v);
    if (!at) return;
    const cls = privateClassOf(a, o.v.initializer);
    if (plan.definitions[i]!.copy !== 'shared' && !cls) return;
    const what = cls
      ? `an instance of ${cls}, whose #private fields make the runtime share it`
      : 'a function or an object the runtime shares';
    const message = `the virtualized global "${o.v.name}" is changed here, in code any vnet may ` +
      `run, but its value is ${what} between vnets: the change reaches every vnet`;
    warnings.push(warning(a, 'VIMAGE_W_ESCAPE', at, message));
  });
}

/** `new C()` of a class this module declares with a `#private` member. */
function privateClassOf(a: Analysis, init: ts.Expression | undefined): string | undefined {
  const e = init && skipWrappers(init);
  if (!e || !isNewExpression(e) || !isIdentifier(e.expression)) return undefined;
  const d = a.module.bindings.get(e.expression.text)?.declaration;
  const isPrivate = (m: ts.ClassElement) => !!m.name && isPrivateIdentifier(m.name);
  return d && isClassDeclaration(d) && d.members.some(isPrivate) ? e.expression.text : undefined;
}

/** Where an automatic global's value is taken: its initializer, or after a destructuring statement. */
export function defineAuto(ms: MagicString, a: Analysis, plan: Plan, slot: OwnSlot): void {
  const decl = slot.v.declaration as ts.VariableDeclaration;
  const call = `${plan.linker}.defineAuto(${slot.slotVar}, `;
  if (isIdentifier(decl.name)) {
    // `var x;` gives no value: the slot keeps what earlier code (hoisting) put there.
    if (!decl.initializer) return;
    ms.appendLeft(decl.initializer.getStart(a.sourceFile), call);
    ms.prependRight(decl.initializer.end, ')');
    keepName(ms, a, decl.initializer, slot.v.name);
    return;
  }
  ms.appendLeft(decl.parent.parent.end, ` ${call}${slot.v.name});`);
}

/** The static fields the module assigns (analyze/module-state.ts), as automatic globals. */
function assignedStaticFields(a: Analysis): Virtualized[] {
  return staticFieldState(a).map(({ cls, binding, field }) => ({
    binding: null,
    name: `${cls.name!.text}.${(field.name as ts.Identifier).text}`,
    form: 'auto',
    declaration: field,
    initializer: field.initializer,
    marker: field,
    markerRange: { start: field.pos, end: field.pos },
    classBinding: binding,
    field,
  }));
}

/**
 * `lib.registry = registry` at the top level stores vnet0's value on an object every vnet
 * shares: code reading it through `lib` sees vnet0's registry wherever it runs. The value may be
 * the module's own virtualized global, an imported one, or a member of a namespace that is one.
 * Silent only when the holder is a global of this module that each vnet copies deeply (a
 * literal object or array); a virtualized function (dayjs's `dayjs.Ls = Ls`) is shared by
 * every vnet, so is whatever it holds.
 */
export function escapes(a: Analysis, plan: Plan, warnings: TransformWarning[]): void {
  const copyOf = new Map(plan.own.map((o, i) => [o.v.binding, plan.definitions[i]!.copy]));
  for (const s of a.sourceFile.statements) {
    if (!isExpressionStatement(s) || !isBinaryExpression(s.expression)) continue;
    const { left, right, operatorToken } = s.expression;
    if (operatorToken.kind !== SyntaxKind.EqualsToken || !(isPropertyAccessExpression(left) || isElementAccessExpression(left))) continue;
    const stored = storedGlobal(a, plan, skipWrappers(right));
    if (!stored) continue;
    let root: ts.Expression = left;
    while (isPropertyAccessExpression(root) || isElementAccessExpression(root)) root = root.expression;
    const holder = isIdentifier(root) ? bindingAt(a, root) : undefined;
    const holderCopy = holder ? copyOf.get(holder) : undefined;
    if (holderCopy === 'deep') continue;
    const why = holderCopy === undefined
      ? 'that object is shared by every vnet'
      : `"${holder!.name}" is virtualized, but its value ` + (holderCopy === 'shared'
        ? '(a function) is shared by every vnet'
        : 'is shared by every vnet unless the runtime copies it deeply');
    const message = `the virtualized global ${stored} is stored on ${left.getText(a.sourceFile)} ` +
      `at import time: ${why}, so code reading it there sees vnet0's value and writes through it reach vnet0's`;
    warnings.push(warning(a, 'VIMAGE_W_ESCAPE', s, message));
  }
}

/** The virtualized global an expression reads (a name, own or imported, or `ns.x`), as the warning names it. */
function storedGlobal(a: Analysis, plan: Plan, e: ts.Expression): string | undefined {
  if (isIdentifier(e)) {
    const b = bindingAt(a, e);
    if (!b || !plan.access.has(b)) return undefined;
    return b.import ? `"${b.name}" (imported from '${b.import.source}')` : `"${b.name}"`;
  }
  if (isPropertyAccessExpression(e) && isIdentifier(e.expression)) {
    const ns = bindingAt(a, e.expression);
    const target = ns && plan.namespaces.get(ns)?.[e.name.text];
    if (target) return 'symbol' in target ? `"${target.symbol}"` : undefined;
  }
  // A part of one (`config.sub`): vnet0's object, reached through the global.
  let root: ts.Expression = e;
  while (isPropertyAccessExpression(root) || isElementAccessExpression(root)) root = root.expression;
  const b = root !== e && isIdentifier(root) ? bindingAt(a, root) : undefined;
  return b && plan.access.has(b) ? `"${b.name}" (through ${e.getText(a.sourceFile)})` : undefined;
}

function bindingAt(a: Analysis, id: ts.Identifier): Binding | undefined {
  return a.references.find((r) => r.node === id)?.binding ?? undefined;
}

/** `new Function` compiles code at run time: the names in it are never rewritten. */
function dynamicCode(a: Analysis, warnings: TransformWarning[]): void {
  for (const ref of a.references) {
    if (ref.binding === null && ref.node.text === 'Function' && isNewExpression(climbWrappers(ref.node).parent)) {
      warnings.push(warning(a, 'VIMAGE_W_DYNAMIC', ref.node, 'new Function compiles code at run time: names in it are not virtualized'));
    }
  }
}

function warning(a: Analysis, code: TransformWarning['code'], node: ts.Node, message: string): TransformWarning {
  const loc = locate(a.code, a.id, node.getStart(a.sourceFile));
  return { code, message, loc, frame: codeFrame(a.code, loc.line, loc.column) };
}
