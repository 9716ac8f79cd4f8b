import MagicString from 'magic-string';
import type { Analysis, Binding } from '../2-analyze/index.js';
import { collectExports } from '../../exports.js';
import type { TransformResult, VimageModuleMeta } from '../../types.js';
import type { ResolvedOptions } from '../../options.js';
import { modulePath } from '../../symbols.js';
import { reenterCurvnet } from './curvnet.js';
import { rewriteDynamicImports } from './dynamic.js';
import { defineMarked, stripMarkers } from './markers.js';
import { checkDynamicScope, checkImportWrites, makePlan } from './plan.js';
import { insertPrologue, keepImports } from './prologue.js';
import { collectNamespaceRefs, rewriteReferences } from './rewrite.js';
import { tokenMap } from './sourcemap.js';

/**
 * Phase 3: reads the analysis, edits the source with magic-string; null for a module not concerned.
 */
export function rewrite(a: Analysis, options: ResolvedOptions): TransformResult | null {
  const module = modulePath(a.id, options.root);
  checkImportWrites(a);
  const plan = makePlan(a, module, options);
  const own = new Map<Binding, string>(
    plan.own.filter((o) => o.v.binding).map((o) => [o.v.binding!, o.symbol]),
  );
  const exports = collectExports(a, own, options);
  const virtualizes =
    plan.own.length > 0 ||
    plan.access.size > 0 ||
    plan.namespaces.size > 0 ||
    plan.dynamic.length > 0;
  // VIMAGE on tags SYSINIT handlers with their module (for unloading), even with no globals.
  const handlers =
    options.vimage &&
    a.markerUses.some((u) => u.name === 'VNET_SYSINIT' || u.name === 'VNET_SYSUNINIT');
  if (!virtualizes && !handlers) return null;
  if (virtualizes) checkDynamicScope(a, plan);
  const ms = new MagicString(a.code);
  if (options.vimage) {
    rewriteReferences(ms, a, plan);
    defineMarked(ms, a, plan);
    keepImports(ms, a, plan);
    rewriteDynamicImports(ms, plan);
    if (options.asyncContext === 'storage') reenterCurvnet(ms, a, plan);
  } else {
    // Accesses stay plain; the prologue still records the references for the mixed-build check.
    collectNamespaceRefs(a, plan);
    stripMarkers(ms, a);
  }
  insertPrologue(ms, a, plan, options.vimage, options.runtimeModule, options.asyncContext);
  const meta: VimageModuleMeta = {
    module,
    vimage: options.vimage,
    defines: plan.definitions,
    references: [...plan.refs.keys()],
    exports,
  };
  const map = options.sourceMap ? tokenMap(ms, a.code, a.id) : null;
  return { code: ms.toString(), map, meta, warnings: plan.warnings };
}
