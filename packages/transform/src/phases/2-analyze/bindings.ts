import type ts from 'typescript';
import type { BindingKind } from './types.js';
import { NodeFlags, isBindingElement, isComputedPropertyName, isIdentifier } from '../../ts.js';

/** The binding kind a variable declaration list declares. */
export function variableKind(list: ts.VariableDeclarationList): BindingKind {
  const f = list.flags & NodeFlags.BlockScoped;
  if (f === NodeFlags.Let) return 'let';
  if (f === NodeFlags.Const) return 'const';
  if (f === NodeFlags.Using || f === NodeFlags.AwaitUsing) return 'using';
  return 'var';
}

/** The expressions inside a declaration pattern that are evaluated: computed keys and defaults. */
export function patternExpressions(name: ts.BindingName, out: ts.Node[] = []): ts.Node[] {
  if (isIdentifier(name)) return out;
  for (const element of name.elements) {
    if (!isBindingElement(element)) continue;
    if (element.propertyName && isComputedPropertyName(element.propertyName))
      out.push(element.propertyName.expression);
    patternExpressions(element.name, out);
    if (element.initializer) out.push(element.initializer);
  }
  return out;
}
