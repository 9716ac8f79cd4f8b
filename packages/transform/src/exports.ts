import type { Analysis, Binding } from './phases/2-analyze/index.js';
import type { ExportTarget, MarkerExport, ModuleExports } from './types.js';
import type { ResolvedOptions } from './options.js';

/** What an import binding stands for, if the resolver says it reaches a virtualized global. */
export function importTarget(
  binding: Binding,
  importer: string,
  options: ResolvedOptions,
): ExportTarget | undefined {
  if (!binding.import) return undefined;
  if (binding.import.source === options.runtimeModule)
    return runtimeTarget(binding.import.imported);
  if (!options.resolver) return undefined;
  const exports = options.resolver(binding.import.source, importer);
  if (!exports) return undefined;
  if (binding.import.imported === '*')
    return Object.keys(exports).length ? { namespace: exports } : undefined;
  return exports[binding.import.imported];
}

const MARKERS: readonly MarkerExport[] = ['VNET_DEFINE', 'VNET_SYSINIT', 'VNET_SYSUNINIT', 'vnet'];

/** What a name of the runtime module stands for when exported again: a marker, or all of them. */
function runtimeTarget(imported: string): ExportTarget | undefined {
  if (imported === '*') return { namespace: runtimeExports() };
  return (MARKERS as readonly string[]).includes(imported)
    ? { marker: imported as MarkerExport }
    : undefined;
}

function runtimeExports(): ModuleExports {
  return Object.fromEntries(MARKERS.map((m) => [m, { marker: m }]));
}

/**
 * The module's exports that alias virtualized globals: its own (`export let`, `export { x as y }`),
 * imported ones it exports again, and re-exports (`export { a } from`, `export *`,
 * `export * as ns`), with ESM's precedence: local and named exports win over `export *`, and a
 * name two stars disagree on is ambiguous and not exported.
 */
export function collectExports(
  a: Analysis,
  own: Map<Binding, string>,
  options: ResolvedOptions,
): ModuleExports {
  const out: ModuleExports = {};
  for (const [name, binding] of a.exports) {
    const symbol = own.get(binding);
    const target = symbol ? { symbol } : importTarget(binding, a.id, options);
    if (target) out[name] = target;
  }
  const named = new Set(a.exports.keys());
  const stars: ModuleExports[] = [];
  for (const r of a.reexports) {
    const exports =
      r.source === options.runtimeModule ? runtimeExports() : options.resolver?.(r.source, a.id);
    if (r.kind === 'all') {
      if (exports) stars.push(exports);
      continue;
    }
    named.add(r.exported!);
    if (!exports) continue;
    const target =
      r.kind === 'namespace' || r.imported === '*'
        ? Object.keys(exports).length
          ? { namespace: exports }
          : undefined
        : exports[r.imported!];
    if (target) out[r.exported!] = target;
  }
  const ambiguous = new Set<string>();
  const fromStar = new Map<string, ExportTarget>();
  for (const exports of stars) {
    for (const [name, target] of Object.entries(exports)) {
      if (name === 'default' || named.has(name)) continue;
      const seen = fromStar.get(name);
      if (seen && !sameTarget(seen, target)) ambiguous.add(name);
      else fromStar.set(name, target);
    }
  }
  for (const [name, target] of fromStar) if (!ambiguous.has(name)) out[name] = target;
  return out;
}

/**
 * Two stars export the same thing when they alias the same symbol, or namespaces with the same
 * virtualized members: resolvers build a fresh object per module, so identity is not enough.
 * `seen` stops at namespaces that contain themselves.
 */
function sameTarget(
  a: ExportTarget,
  b: ExportTarget,
  seen = new Map<ModuleExports, Set<ModuleExports>>(),
): boolean {
  if ('symbol' in a) return 'symbol' in b && a.symbol === b.symbol;
  if ('marker' in a) return 'marker' in b && a.marker === b.marker;
  if (!('namespace' in b)) return false;
  const x = a.namespace;
  const y = b.namespace;
  if (x === y || seen.get(x)?.has(y)) return true;
  seen.set(x, (seen.get(x) ?? new Set()).add(y));
  const keys = Object.keys(x);
  return (
    keys.length === Object.keys(y).length &&
    keys.every((k) => Object.hasOwn(y, k) && sameTarget(x[k]!, y[k]!, seen))
  );
}
