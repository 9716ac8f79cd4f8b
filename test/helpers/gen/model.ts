import fc from 'fast-check';
import { KINDS, type Kind } from './snippets.js';

/**
 * A generated case is plain data: small integers that the printer resolves modulo what is
 * in scope. So every value is a valid program, and shrinking (integers towards 0, arrays
 * towards fewer elements) stays valid too.
 */
export interface GlobalSpec {
  kind: Kind;
  /** call: VNET_DEFINE(v); tag: /** @vnet *\/; static / static-tag: a class field. */
  form: 'call' | 'tag' | 'static' | 'static-tag';
  decl: 'let' | 'var' | 'const';
  init: number;
  /** Tag form of a let/var with no initializer at all. */
  noInit: boolean;
  /** `VNET_DEFINE<T>(v)` rather than `let g: T = VNET_DEFINE(v)`. */
  typeArg: boolean;
  /** `export let g`, `let g; export { g }`, or `export { g as x_g }`. */
  exportAs: 'inline' | 'list' | 'renamed';
}

/** One statement: an op call (t picks the op), or template t applied to visible global g. */
export interface SnippetSpec {
  op: boolean;
  t: number;
  g: number;
  n: number;
}

export interface ModuleSpec {
  globals: GlobalSpec[];
  /**
   * Per earlier module, a bit set of import styles: 1 named, 2 renamed, 4 namespace, 8 barrel
   * renamed, 16 barrel namespace, 32 the namespace of `await import()`.
   */
  imports: number[];
  reverseImports: boolean;
  /** Exported op functions (hoisted) before the declarations of the globals they use. */
  opsFirst: boolean;
  ops: SnippetSpec[][];
  /**
   * Hoisted functions called at load before a `var` global's declaration runs, and before a
   * `let` or `const` one's (which throws: the temporal dead zone).
   */
  early: boolean;
  /** A module-level read at load of some visible global. */
  boot: number | null;
  /** A plain module-level const named like an earlier module's global. */
  plainShadow: boolean;
  sysinit: SnippetSpec[];
}

export interface CaseSpec {
  /** The last module is the entry: its ops are the steps. */
  modules: ModuleSpec[];
  vnets: number;
  /** Picks which vnet runs its next step, modulo those with steps left. */
  schedule: number[];
}

const small = fc.nat({ max: 9 });

const globalArb: fc.Arbitrary<GlobalSpec> = fc.record({
  kind: fc.constantFrom(...KINDS),
  form: fc.constantFrom('call', 'tag', 'static', 'static-tag'),
  decl: fc.constantFrom('let', 'var', 'const'),
  init: small,
  noInit: fc.boolean(),
  typeArg: fc.boolean(),
  exportAs: fc.constantFrom('inline', 'list', 'renamed'),
});

const snippetArb: fc.Arbitrary<SnippetSpec> = fc.record({
  op: fc.nat({ max: 9 }).map((x) => x >= 7), // about 30% op calls; shrinks to plain snippets
  t: fc.nat({ max: 200 }),
  g: fc.nat({ max: 20 }),
  n: small,
});

const opArb = fc.array(snippetArb, { minLength: 1, maxLength: 5 });

function moduleArb(index: number, entry: boolean): fc.Arbitrary<ModuleSpec> {
  return fc.record({
    globals: fc.array(globalArb, { minLength: index === 0 ? 1 : 0, maxLength: 3 }),
    // The entry reaches every module (for its dump); others import what they like.
    imports: fc.array(fc.integer({ min: entry ? 1 : 0, max: 63 }), {
      minLength: index,
      maxLength: index,
    }),
    reverseImports: fc.boolean(),
    opsFirst: fc.boolean(),
    ops: fc.array(opArb, { minLength: 1, maxLength: entry ? 4 : 3 }),
    early: fc.boolean(),
    boot: fc.option(fc.nat({ max: 20 }), { freq: 2 }),
    plainShadow: fc.boolean(),
    sysinit: fc.array(snippetArb, { maxLength: 2 }),
  });
}

export const caseArb: fc.Arbitrary<CaseSpec> = fc.integer({ min: 2, max: 4 }).chain((count) =>
  fc.record({
    modules: fc.tuple(...Array.from({ length: count }, (_, i) => moduleArb(i, i === count - 1))),
    vnets: fc.integer({ min: 2, max: 3 }),
    schedule: fc.array(fc.nat({ max: 5 }), { maxLength: 12 }),
  }),
);
