import type ts from 'typescript';
import type MagicString from 'magic-string';
import type { Analysis } from '../2-analyze/index.js';
import type { ResolvedOptions } from '../../options.js';
import { refSlot, type Plan } from './plan.js';
import { SyntaxKind, forEachChild, isCallExpression, isStringLiteralLike } from '../../ts.js';

/** One `import('m')` whose module exports virtualized globals. */
export interface DynamicImport {
  call: ts.CallExpression;
  names: string[];
  slots: string[];
}

/**
 * The namespace an `import('m')` resolves to holds each export's value at declaration: with
 * VIMAGE on it would be stale. The plan lists every such call whose module the resolver knows,
 * with the slots of its virtualized exports (references of this module in both modes).
 */
export function planDynamicImports(
  a: Analysis,
  plan: Plan,
  options: ResolvedOptions,
): DynamicImport[] {
  const resolver = options.resolver;
  if (!resolver || !/(?<![\w$.])import\s*\(/.test(a.code)) return [];
  const out: DynamicImport[] = [];
  const visit = (node: ts.Node): void => {
    if (isCallExpression(node) && node.expression.kind === SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      const exports = arg && isStringLiteralLike(arg) ? resolver(arg.text, a.id) : null;
      const names = Object.entries(exports ?? {}).filter(
        (e): e is [string, { symbol: string }] => 'symbol' in e[1],
      );
      if (names.length) {
        const slots = names.map(([name, t]) => refSlot(plan, t.symbol, name));
        out.push({ call: node, names: names.map(([n]) => n), slots });
      }
    }
    forEachChild(node, visit);
  };
  visit(a.sourceFile);
  return out;
}

/**
 * VIMAGE on: the namespace is handed out as the runtime's view of it, whose virtualized names
 * read the current vnet (the one a static namespace gets when it escapes):
 * `import('m').then((ns) => __vimage.view(ns, names, slots))`. Members, destructuring and
 * `.then(mod => mod.x)` then all read the current vnet when they run.
 */
export function rewriteDynamicImports(ms: MagicString, plan: Plan): void {
  if (!plan.dynamic.length) return;
  const ns = plan.fresh('$vnet_ns');
  for (const d of plan.dynamic) {
    const view = `${plan.linker}.view(${ns}, ${JSON.stringify(d.names)}, [${d.slots.join(', ')}])`;
    ms.appendLeft(d.call.end, `.then((${ns}) => ${view})`);
  }
}
