import type ts from 'typescript';
import type { Binding, BindingKind, Scope, ScopeKind } from './types.js';

/** Scopes that `var` hoists to (a namespace body compiles to a function). */
const VAR_SCOPES: ReadonlySet<ScopeKind> = new Set([
  'module',
  'function',
  'arrow',
  'static-block',
  'namespace',
]);

/**
 * Most scopes (blocks, arrow bodies) declare nothing: they share this empty table until their
 * first declaration gives them their own. Never written to.
 */
const NO_BINDINGS: Map<string, Binding> = new Map();

export function createScope(kind: ScopeKind, node: ts.Node, parent: Scope | null): Scope {
  const scope: Scope = {
    kind,
    node,
    parent,
    children: [],
    bindings: NO_BINDINGS,
    varScope: undefined!,
  };
  scope.varScope = VAR_SCOPES.has(kind) || !parent ? scope : parent.varScope;
  parent?.children.push(scope);
  return scope;
}

/**
 * Adds a binding, or returns the existing one of the same name in this scope (redeclared
 * `var`s and functions are one binding; other duplicates are errors TypeScript reports).
 */
export function declare(
  scope: Scope,
  name: string,
  kind: BindingKind,
  declaration: ts.Node,
  identifier: ts.Identifier | undefined,
): Binding {
  const existing = scope.bindings.get(name);
  if (existing) {
    if (identifier) existing.redeclarations.push(identifier);
    return existing;
  }
  const binding: Binding = {
    name,
    kind,
    scope,
    declaration,
    identifier,
    redeclarations: [],
    exported: [],
    references: [],
    reassigned: false,
  };
  if (scope.bindings === NO_BINDINGS) scope.bindings = new Map();
  scope.bindings.set(name, binding);
  return binding;
}

/** The binding a name means in a scope, or null for a global. */
export function lookup(scope: Scope, name: string): Binding | null {
  for (let s: Scope | null = scope; s; s = s.parent) {
    const b = s.bindings.get(name);
    if (b) return b;
  }
  return null;
}
