import ts from 'typescript';
import { declare } from './scope.js';
import type { Binding, BindingKind, Scope } from './types.js';

/** The binding kind a variable declaration list declares. */
export function variableKind(list: ts.VariableDeclarationList): BindingKind {
  const f = list.flags & ts.NodeFlags.BlockScoped;
  if (f === ts.NodeFlags.Let) return 'let';
  if (f === ts.NodeFlags.Const) return 'const';
  if (f === ts.NodeFlags.Using || f === ts.NodeFlags.AwaitUsing) return 'using';
  return 'var';
}

/** Declares every name of a binding name or (nested) destructuring pattern. */
export function declareNames(
  name: ts.BindingName,
  kind: BindingKind,
  scope: Scope,
  declaration: ts.Node,
  out: Binding[] = [],
): Binding[] {
  if (ts.isIdentifier(name)) {
    out.push(declare(scope, name.text, kind, declaration, name));
    return out;
  }
  for (const element of name.elements) {
    if (ts.isBindingElement(element)) declareNames(element.name, kind, scope, declaration, out);
  }
  return out;
}

/** The expressions inside a declaration pattern that are evaluated: computed keys and defaults. */
export function patternExpressions(name: ts.BindingName, out: ts.Node[] = []): ts.Node[] {
  if (ts.isIdentifier(name)) return out;
  for (const element of name.elements) {
    if (!ts.isBindingElement(element)) continue;
    if (element.propertyName && ts.isComputedPropertyName(element.propertyName)) out.push(element.propertyName.expression);
    patternExpressions(element.name, out);
    if (element.initializer) out.push(element.initializer);
  }
  return out;
}
