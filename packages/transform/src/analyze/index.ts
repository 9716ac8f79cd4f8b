import type ts from 'typescript';
import { focusOf } from './focus.js';
import { findMarkers } from './markers.js';
import { moduleTables } from './modules.js';
import { assignmentTarget, isCallee } from './references.js';
import { createScope, lookup } from './scope.js';
import { climbWrappers, skipWrappers } from './syntax.js';
import type { ModuleExports } from '../meta.js';
import type { Analysis, Binding, Reference, Scope } from './types.js';
import { resolveReferences, walk } from './walk.js';
import {
  isDecorator, isDeleteExpression, isElementAccessExpression, isPropertyAccessExpression,
  isStringLiteralLike,
} from '../ts.js';

export type * from './types.js';

export interface AnalyzeOptions {
  /** The module the markers are imported from; default '@vimage/runtime'. */
  runtimeModule?: string;
  /** What imported modules export: markers re-exported by a local module are markers too. */
  resolver?: (source: string, importer: string) => ModuleExports | null | undefined;
  /**
   * Record bindings and references only for the names a rewrite can touch (imports, `eval`,
   * marked globals and their classes; see focus.ts). Every module-level name is still declared
   * and the module tables and markers are complete; other names' inner declarations and
   * references are left out. What the transform needs, for a fraction of the walk's work.
   */
  focused?: boolean;
}

/** Phase 2: scopes, bindings, references, the module's imports and exports, and its virtualized globals. */
export function analyze(sf: ts.SourceFile, code: string, id: string, options: AnalyzeOptions = {}): Analysis {
  const runtimeModule = options.runtimeModule ?? '@vimage/runtime';
  const w = walk(sf, options.focused ? focusOf(sf, code, runtimeModule) : undefined);
  resolveReferences(w.references, lookup);
  // `export { I }` / `export default I` of an interface or `declare`d name is a type export, not a read.
  const references = w.references.filter(
    (r) => r.binding || !(r.exportSpecifier || r.defaultExport) || !w.typeNames.has(r.node.text),
  );
  const bindings: Binding[] = [];
  for (const s of w.scopes) for (const b of s.bindings.values()) bindings.push(b);
  for (const ref of references) if (ref.binding && isMutation(ref)) ref.binding.mutated = true;
  const tables = moduleTables(sf, w.module, references);
  const markers = findMarkers({ sf, code, id, runtimeModule, resolver: options.resolver, module: w.module, imports: tables.imports, references, nodeScopes: w.nodeScopes });
  // Only a global `eval` is direct eval; a local function named eval is an ordinary call.
  const refByNode = w.evalCalls.length ? new Map(references.map((r) => [r.node, r])) : undefined;
  const evals = w.evalCalls.filter((call) => refByNode!.get(skipWrappers(call.expression) as ts.Identifier)?.binding === null);
  return {
    sourceFile: sf,
    code,
    id,
    runtimeModule,
    module: w.module,
    scopes: w.scopes,
    bindings,
    references,
    ...tables,
    evals,
    withs: w.withs,
    ...markers,
    nameTaken: (name) => occursAsWord(code, name),
    scopeAt: (node) => scopeAt(w.nodeScopes, w.module, node),
  };
}

/**
 * The analysis of a module processed only to compile its awaits (no marker, no import of a
 * virtualized global): nothing is rewritten, so no scopes, bindings or references are needed,
 * only the syntax tree, the imports and the names in use. Skips the walk, most of the work.
 */
export function analyzeAwaitsOnly(sf: ts.SourceFile, code: string, id: string, options: AnalyzeOptions = {}): Analysis {
  const module = createScope('module', sf, null);
  return {
    sourceFile: sf,
    code,
    id,
    runtimeModule: options.runtimeModule ?? '@vimage/runtime',
    module,
    scopes: [module],
    bindings: [],
    references: [],
    ...moduleTables(sf, module, []),
    evals: [],
    withs: [],
    virtualized: [],
    markerImports: [],
    markerUses: [],
    nameTaken: (name) => occursAsWord(code, name),
    scopeAt: () => module,
  };
}

/** Found by `includes` first: a fresh name is almost never in the file, and then no regex runs. */
function occursAsWord(code: string, name: string): boolean {
  if (!code.includes(name)) return false;
  return new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(code);
}

function scopeAt(nodeScopes: Map<ts.Node, Scope>, module: Scope, node: ts.Node): Scope {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    const s = nodeScopes.get(n);
    if (s) return s;
  }
  return module;
}

const MUTATORS: ReadonlySet<string> = new Set([
  'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'delete', 'clear', 'add',
]);

/** `x.p = v`, `x[k]++`, `delete x.p`, `[x.p] = a`, `x.push(v)`: the object x holds changes. */
function isMutation(ref: Reference): boolean {
  const top = climbWrappers(ref.node);
  const access = top.parent;
  if (!(isPropertyAccessExpression(access) || isElementAccessExpression(access)) || access.expression !== top) return false;
  const outer = climbWrappers(access);
  if (assignmentTarget(outer) || isDeleteExpression(outer.parent)) return true;
  const member = isPropertyAccessExpression(access)
    ? access.name.text
    : isStringLiteralLike(access.argumentExpression)
      ? access.argumentExpression.text
      : undefined;
  return member !== undefined && MUTATORS.has(member) && isCallee(outer) && !isDecorator(outer.parent);
}
