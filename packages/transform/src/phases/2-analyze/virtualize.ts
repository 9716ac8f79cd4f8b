import type ts from 'typescript';
import type { VirtualizeOptions } from '../../options.js';
import type { TransformWarning } from '../../types.js';
import { warning } from '../../warning.js';
import { warnings as messages } from '../../codes.js';
import type { Analysis, Virtualized } from './index.js';
import { moduleState, staticFieldState } from './module-state.js';
import { climbWrappers } from './syntax.js';
import {
  findAncestor,
  isIdentifier,
  isNewExpression,
  isVariableDeclaration,
  isVariableStatement,
} from '../../ts.js';

/**
 * The module's virtualized globals: marked ones, and with the virtualize option automatic ones.
 * With VIMAGE off those stay plain but are registered, so that createVnet() throws VimageOffError
 * instead of making vnets that share them; their isolation warnings concern VIMAGE on only.
 */
export function virtualizedOf(
  a: Analysis,
  options: { vimage: boolean; virtualize: boolean | VirtualizeOptions },
  warnings: TransformWarning[] = [],
): Virtualized[] {
  if (!options.virtualize) return a.virtualized;
  const chosen = options.virtualize === true ? {} : options.virtualize;
  const auto = autoVirtualized(a, chosen, options.vimage ? warnings : []);
  if (!auto.length) return a.virtualized;
  return [...a.virtualized, ...auto].sort((x, y) => x.declaration.pos - y.declaration.pos);
}

/**
 * The module's state as analyze/module-state.ts defines it (the codemod uses the same rule), and a
 * static class field the module assigns. Functions, classes and imports never are. A module with
 * `eval` or `with` is left alone: its names cannot be known at build time.
 */
function autoVirtualized(
  a: Analysis,
  options: VirtualizeOptions,
  warnings: TransformWarning[],
): Virtualized[] {
  if (a.evals.length || a.withs.length) {
    const node = a.evals[0] ?? a.withs[0]!;
    const what = a.evals.length ? 'direct eval' : 'a with statement';
    warnings.push(warning(a, node, messages.dynamicModule(what)));
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

/** Where an automatic global's object is first changed inside a function, if it is. */
export function changedLaterAt(v: Virtualized): ts.Node | undefined {
  return changedLater.get(v);
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

/** `new Function` compiles code at run time: the names in it are never rewritten. */
function dynamicCode(a: Analysis, warnings: TransformWarning[]): void {
  for (const ref of a.references) {
    if (
      ref.binding === null &&
      ref.node.text === 'Function' &&
      isNewExpression(climbWrappers(ref.node).parent)
    ) {
      warnings.push(warning(a, ref.node, messages.newFunction()));
    }
  }
}
