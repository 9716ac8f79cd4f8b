import type ts from 'typescript';
import type { Analysis, Binding } from '../2-analyze/index.js';
import { skipWrappers } from '../2-analyze/syntax.js';
import { changedLaterAt } from '../2-analyze/virtualize.js';
import type { TransformWarning } from '../../types.js';
import { warning } from '../../warning.js';
import { warnings as messages } from '../../codes.js';
import type { Plan } from './plan.js';
import {
  SyntaxKind,
  isBinaryExpression,
  isClassDeclaration,
  isElementAccessExpression,
  isExpressionStatement,
  isIdentifier,
  isNewExpression,
  isPrivateIdentifier,
  isPropertyAccessExpression,
} from '../../ts.js';

/**
 * An automatic global changed by code any vnet may run, whose value the runtime shares instead of
 * copying (a function such as dayjs's, a WeakMap, an instance of a class of this module with
 * `#private` fields): the change reaches every vnet. Found from the syntax; a value only run time
 * can judge (an instance of an imported class) is not reported.
 */
export function sharedState(a: Analysis, plan: Plan, warnings: TransformWarning[]): void {
  plan.own.forEach((o, i) => {
    const at = changedLaterAt(o.v);
    if (!at) return;
    const cls = privateClassOf(a, o.v.initializer);
    if (plan.definitions[i]!.copy !== 'shared' && !cls) return;
    const what = cls
      ? `an instance of ${cls}, whose #private fields make the runtime share it`
      : 'a function or an object the runtime shares';
    warnings.push(warning(a, at, messages.sharedValueChanged(o.v.name, what)));
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
    if (
      operatorToken.kind !== SyntaxKind.EqualsToken ||
      !(isPropertyAccessExpression(left) || isElementAccessExpression(left))
    )
      continue;
    const stored = storedGlobal(a, plan, skipWrappers(right));
    if (!stored) continue;
    let root: ts.Expression = left;
    while (isPropertyAccessExpression(root) || isElementAccessExpression(root))
      root = root.expression;
    const holder = isIdentifier(root) ? bindingAt(a, root) : undefined;
    const holderCopy = holder ? copyOf.get(holder) : undefined;
    if (holderCopy === 'deep') continue;
    const why =
      holderCopy === undefined
        ? 'that object is shared by every vnet'
        : `"${holder!.name}" is virtualized, but its value ${
            holderCopy === 'shared'
              ? '(a function) is shared by every vnet'
              : 'is shared by every vnet unless the runtime copies it deeply'
          }`;
    warnings.push(warning(a, s, messages.storedAtImport(stored, left.getText(a.sourceFile), why)));
  }
}

/**
 * The virtualized global an expression reads (a name, own or imported, or `ns.x`), as the warning
 * names it.
 */
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
  while (isPropertyAccessExpression(root) || isElementAccessExpression(root))
    root = root.expression;
  const b = root !== e && isIdentifier(root) ? bindingAt(a, root) : undefined;
  return b && plan.access.has(b) ? `"${b.name}" (through ${e.getText(a.sourceFile)})` : undefined;
}

function bindingAt(a: Analysis, id: ts.Identifier): Binding | undefined {
  return a.references.find((r) => r.node === id)?.binding ?? undefined;
}
