import { analyze, type AnalyzeOptions } from '../../src/phases/2-analyze/index.js';
import type { Analysis, Reference } from '../../src/phases/2-analyze/types.js';
import { parse } from '../../src/phases/1-parse/parse.js';

export function analyzeCode(code: string, id = 'test.ts', options: AnalyzeOptions = {}): Analysis {
  return analyze(parse(code, id), code, id, options);
}

/**
 * Every value reference to `name`, in source order, as `<scope kind of its binding>:<kind>`;
 * `global:read` when no scope declares it.
 */
export function resolved(code: string, name: string, id = 'test.ts'): string[] {
  return refsOf(analyzeCode(code, id), name).map(
    (r) => `${r.binding?.scope.kind ?? 'global'}:${r.kind}`,
  );
}

export function refsOf(a: Analysis, name: string): Reference[] {
  return a.references.filter((r) => r.node.text === name).sort((x, y) => x.node.pos - y.node.pos);
}

/** The flags of each reference to `name`, without nodes and defaults, for compact assertions. */
export function flagsOf(code: string, name: string, id = 'test.ts'): Record<string, unknown>[] {
  return refsOf(analyzeCode(code, id), name).map((r) => {
    const out: Record<string, unknown> = { kind: r.kind };
    for (const key of [
      'call',
      'shorthand',
      'pattern',
      'forHead',
      'typeofOperand',
      'exportSpecifier',
      'defaultExport',
    ] as const) {
      if (r[key]) out[key] = true;
    }
    if (r.update) out.update = r.update;
    if (r.operator) out.operator = r.operator;
    if (r.jsxTag) out.jsxTag = r.jsxTag;
    return out;
  });
}

/** The names that have at least one value reference. */
export function referencedNames(code: string, id = 'test.ts'): string[] {
  return [...new Set(analyzeCode(code, id).references.map((r) => r.node.text))].sort();
}
