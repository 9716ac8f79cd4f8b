import type { Verb } from '../verb.js';

/** The verbs, light: a verb's module (and TypeScript, ts-morph) loads only when it runs. */
export interface VerbEntry {
  name: string;
  summary: string;
  load(): Promise<Verb>;
}

export const VERBS: VerbEntry[] = [
  {
    name: 'compare',
    summary: 'each module built with VIMAGE off beside VIMAGE on, as a diff, then the linker set',
    load: async () => (await import('./compare.js')).compare,
  },
  {
    name: 'set',
    summary:
      'the linker set: symbol, defining module, slot, copy kind, initializer location; totals',
    load: async () => (await import('./set.js')).set,
  },
  {
    name: 'affected',
    summary: 'the modules that define, reference or re-export virtualized globals (to rebuild)',
    load: async () => (await import('./affected.js')).affected,
  },
  {
    name: 'virtualize',
    summary: 'codemod: mark module-level mutable state with VNET_DEFINE',
    load: async () => (await import('./virtualize.js')).virtualize,
  },
  {
    name: 'tsc',
    summary: 'type-check and emit a project with the vimage transform (tsc -p)',
    load: async () => (await import('./tsc.js')).tsc,
  },
];
