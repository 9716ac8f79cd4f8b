import type ts from 'typescript';
import { BUILTIN_COPY } from '@vimage/runtime/builtins';
import type { Analysis, Binding, Virtualized } from '../2-analyze/index.js';
import { TransformError, nodeAt } from '../../error.js';
import { errors } from '../../codes.js';
import { importTarget } from '../../exports.js';
import type { Definition, ModuleExports } from '../../types.js';
import type { ResolvedOptions } from '../../options.js';
import { virtualizedOf } from '../2-analyze/virtualize.js';
import type { TransformWarning } from '../../types.js';
import { escapes, sharedState } from './escapes.js';
import { symbolOf } from '../../symbols.js';
import { planDynamicImports, type DynamicImport } from './dynamic.js';
import {
  SyntaxKind,
  isArrayLiteralExpression,
  isArrowFunction,
  isBigIntLiteral,
  isClassExpression,
  isFunctionExpression,
  isIdentifier,
  isNewExpression,
  isNoSubstitutionTemplateLiteral,
  isNumericLiteral,
  isObjectLiteralExpression,
  isPrefixUnaryExpression,
  isRegularExpressionLiteral,
  isStringLiteral,
  isTemplateExpression,
} from '../../ts.js';
import { skipWrappers } from '../2-analyze/syntax.js';

/** One virtualized global this module defines, with the module-level constant holding its slot. */
export interface OwnSlot {
  v: Virtualized;
  symbol: string;
  slotVar: string;
}

/**
 * What phase 3 will do to a module, decided from the analysis alone: which bindings become
 * slot accesses, under which generated names, and which namespaces reach virtualized globals.
 */
export interface Plan {
  module: string;
  own: OwnSlot[];
  /** Symbols of other modules, in first-use order, each with its slot constant. */
  refs: Map<string, string>;
  /** Binding → the slot constant every access of it goes through. */
  access: Map<Binding, string>;
  /**
   * Namespace-like bindings (`import * as ns`, or a re-exported namespace) → what they export.
   */
  namespaces: Map<Binding, ModuleExports>;
  /** The name the runtime's linker object is imported under. */
  linker: string;
  /** A module-level name that collides with no identifier of the file, nor an earlier fresh one. */
  fresh: (base: string) => string;
  definitions: Definition[];
  /** Patterns that defeat isolation in automatically virtualized code. */
  warnings: TransformWarning[];
  /**
   * Every node rewritten into a read or write of the current vnet's slot array (curvnet.ts re-reads
   * before them).
   */
  accesses: ts.Node[];
  /** asyncContext 'storage' with VIMAGE on: transformed code re-reads curvnet (curvnet.ts). */
  reenters: boolean;
  /** The local an async function keeps its vnet in, named on first use. */
  vnLocal: () => string;
  /** `import('m')` calls whose module exports virtualized globals. */
  dynamic: DynamicImport[];
}

export function makePlan(a: Analysis, module: string, options: ResolvedOptions): Plan {
  const taken = new Set<string>();
  const isTaken = (name: string): boolean => taken.has(name) || a.nameTaken(name);
  const fresh = (base: string): string => {
    let name = base.replace(/[^\w$]/g, '_');
    for (let i = 1; isTaken(name); i++) name = `${base.replace(/[^\w$]/g, '_')}$${i}`;
    taken.add(name);
    return name;
  };
  let vn: string | undefined;
  const plan: Plan = {
    module,
    own: [],
    refs: new Map(),
    access: new Map(),
    namespaces: new Map(),
    linker: fresh('__vimage'),
    fresh,
    definitions: [],
    warnings: [],
    accesses: [],
    dynamic: [],
    reenters: options.vimage && options.asyncContext === 'storage',
    vnLocal: () => (vn ??= fresh('$vn')),
  };
  for (const v of virtualizedOf(a, options, plan.warnings)) {
    const symbol = symbolOf(module, v.name);
    const slot: OwnSlot = { v, symbol, slotVar: fresh(`$vnet_${v.name.replace('.', '_')}`) };
    plan.own.push(slot);
    if (v.binding) plan.access.set(v.binding, slot.slotVar);
    const at = a.sourceFile.getLineAndCharacterOfPosition(v.declaration.getStart(a.sourceFile));
    plan.definitions.push({
      symbol,
      name: v.name,
      form: v.form,
      copy: copyKindOf(a, v.initializer),
      line: at.line + 1,
      column: at.character,
    });
  }
  if (options.resolver) {
    for (const info of a.imports) {
      // The runtime's own names are markers, never slots.
      if (info.source === options.runtimeModule) continue;
      for (const spec of info.specifiers) {
        if (!spec.binding || spec.typeOnly) continue;
        const target = importTarget(spec.binding, a.id, options);
        // A namespace of markers only (a local module re-exporting the runtime) reaches no slot.
        if (
          !target ||
          'marker' in target ||
          ('namespace' in target && !reachesGlobals(target.namespace))
        )
          continue;
        if ('namespace' in target) plan.namespaces.set(spec.binding, target.namespace);
        else plan.access.set(spec.binding, refSlot(plan, target.symbol, spec.local));
      }
    }
  }
  if (options.vimage && options.virtualize) {
    escapes(a, plan, plan.warnings);
    sharedState(a, plan, plan.warnings);
  }
  plan.dynamic = planDynamicImports(a, plan, options);
  return plan;
}

function reachesGlobals(exports: ModuleExports): boolean {
  return Object.values(exports).some((t) => !('marker' in t));
}

/** The slot constant of another module's symbol, made on first use. */
export function refSlot(plan: Plan, symbol: string, hint: string): string {
  let slotVar = plan.refs.get(symbol);
  if (!slotVar) {
    slotVar = plan.fresh(`$vnet_${hint}`);
    plan.refs.set(symbol, slotVar);
  }
  return slotVar;
}

/** Does the module hold or touch virtualized state at all? Then eval and with are refused. */
export function checkDynamicScope(a: Analysis, plan: Plan): void {
  if (!plan.access.size && !plan.namespaces.size && !plan.own.length && !plan.dynamic.length)
    return;
  const what = plan.own.length ? 'defines virtualized globals' : 'references virtualized globals';
  const node = a.evals[0];
  if (node) {
    throw new TransformError(errors.evalInModule(what), nodeAt(a, node));
  }
  const w = a.withs[0];
  if (w) {
    throw new TransformError(errors.withInModule(what), nodeAt(a, w));
  }
}

/**
 * An assignment to an imported binding (`x = 2`, `x++`, a destructuring or for-head target):
 * ESM forbids it (bundlers refuse the plain build), but under VIMAGE it would write the slot
 * and succeed, so both modes refuse it here.
 */
export function checkImportWrites(a: Analysis): void {
  for (const info of a.imports) {
    for (const spec of info.specifiers) {
      const write = spec.binding?.references.find((r) => r.kind !== 'read' && !r.exportSpecifier);
      if (!write || spec.typeOnly) continue;
      const source = JSON.stringify(info.source);
      const name =
        spec.imported === '*' || spec.imported === 'default' ? spec.local : spec.imported;
      const message = errors.importAssigned(spec.local, source, name);
      throw new TransformError(message, nodeAt(a, write.node));
    }
  }
}

/**
 * The linker set's copy kind where the initializer's syntax alone decides what the runtime will
 * do (literals, functions, `new` of a built-in no module binding shadows); 'dynamic' wherever only
 * the value can tell: a call, a name, `new` of a class (one with private fields is shared, others
 * copied deeply), an object literal that sets `__proto__`. The runtime's linkerSet() says then.
 */
function copyKindOf(a: Analysis, init: ts.Expression | undefined): Definition['copy'] {
  if (!init) return 'primitive';
  const e = skipWrappers(init);
  if (
    isNumericLiteral(e) ||
    isStringLiteral(e) ||
    isNoSubstitutionTemplateLiteral(e) ||
    isTemplateExpression(e) ||
    isBigIntLiteral(e)
  )
    return 'primitive';
  if (isPrefixUnaryExpression(e) && isNumericLiteral(e.operand)) return 'primitive';
  if (
    e.kind === SyntaxKind.TrueKeyword ||
    e.kind === SyntaxKind.FalseKeyword ||
    e.kind === SyntaxKind.NullKeyword
  )
    return 'primitive';
  const global = (name: string) => !a.module.bindings.has(name);
  if (isIdentifier(e) && e.text === 'undefined' && global('undefined')) return 'primitive';
  if (isObjectLiteralExpression(e))
    return e.properties.some(
      (p) => p.name?.getText(a.sourceFile).replace(/['"]/g, '') === '__proto__',
    )
      ? 'dynamic'
      : 'deep';
  if (isArrayLiteralExpression(e) || isRegularExpressionLiteral(e)) return 'deep';
  if (isNewExpression(e) && isIdentifier(e.expression) && global(e.expression.text)) {
    // The runtime's table of what it always does with an instance of each built-in.
    const name = e.expression.text;
    if (Object.hasOwn(BUILTIN_COPY, name)) return BUILTIN_COPY[name]!;
  }
  if (isFunctionExpression(e) || isArrowFunction(e) || isClassExpression(e)) return 'shared';
  return 'dynamic';
}
