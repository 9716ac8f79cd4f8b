import type ts from 'typescript';
import { focusOf } from './focus.js';
import { findMarkers } from './markers.js';
import { moduleTables } from './modules.js';
import { lookup } from './scope.js';
import { skipWrappers } from './syntax.js';
import type { ModuleExports } from '../../types.js';
import { RUNTIME_MODULE } from '../../options.js';
import type { Analysis, Binding, Scope } from './types.js';
import { resolveReferences, walk } from './walk.js';

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

/**
 * Phase 2: scopes, bindings, references, imports and exports, and the module's virtualized globals.
 */
export function analyze(
  sf: ts.SourceFile,
  code: string,
  id: string,
  options: AnalyzeOptions = {},
): Analysis {
  const runtimeModule = options.runtimeModule ?? RUNTIME_MODULE;
  const w = walk(sf, options.focused ? focusOf(sf, code, runtimeModule) : undefined);
  resolveReferences(w.references, lookup);
  // `export { I }` / `export default I` of an interface or `declare`d name exports a type: no read.
  const references = w.references.filter(
    (r) => r.binding || !(r.exportSpecifier || r.defaultExport) || !w.typeNames.has(r.node.text),
  );
  const bindings: Binding[] = [];
  for (const s of w.scopes) for (const b of s.bindings.values()) bindings.push(b);
  const tables = moduleTables(sf, w.module, references);
  const markers = findMarkers({
    sf,
    code,
    id,
    runtimeModule,
    resolver: options.resolver,
    module: w.module,
    imports: tables.imports,
    references,
    nodeScopes: w.nodeScopes,
  });
  // Only a global `eval` is direct eval; a local function named eval is an ordinary call.
  const refByNode = w.evalCalls.length ? new Map(references.map((r) => [r.node, r])) : undefined;
  const evals = w.evalCalls.filter(
    (call) => refByNode!.get(skipWrappers(call.expression) as ts.Identifier)?.binding === null,
  );
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
