import type { ModuleExports } from '@vimage/transform';
import type { Analyzer, ModuleRun } from './analyze.js';

/** How one module touches virtualized globals: each list is symbols, sorted. */
export interface Touches {
  defines: string[];
  references: string[];
  /**
   * Symbols its exports reach through `export ... from`, `export *` or an exported namespace, and
   * it does not define.
   */
  reexports: string[];
}

export function touchesOf(run: ModuleRun, analyzer: Analyzer): Touches {
  const meta = run.result?.meta;
  const defines = (meta?.defines ?? []).map((d) => d.symbol);
  const own = new Set(defines);
  const reexports = exportedSymbols(run.error ? {} : analyzer.exports(run.file)).filter(
    (s) => !own.has(s),
  );
  return {
    defines: sorted(defines),
    references: sorted(meta?.references ?? []),
    reexports: sorted(reexports),
  };
}

/** Every symbol an exports table reaches, namespaces followed (once each: they can be cyclic). */
export function exportedSymbols(exports: ModuleExports, seen = new Set<ModuleExports>()): string[] {
  seen.add(exports);
  const out: string[] = [];
  for (const target of Object.values(exports)) {
    if ('symbol' in target) out.push(target.symbol);
    else if ('namespace' in target && !seen.has(target.namespace))
      out.push(...exportedSymbols(target.namespace, seen));
  }
  return out;
}

function sorted(list: Iterable<string>): string[] {
  return [...new Set(list)].sort();
}
