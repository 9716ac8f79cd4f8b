import { registry } from './state.js';

/** One row of the live linker set, as `vimage set` prints the static one. */
export interface LinkerSetRow {
  symbol: string;
  module: string | undefined;
  slot: number;
  origin: 'marked' | 'auto';
  copy: 'primitive' | 'deep' | 'shared' | undefined;
}

/** The linker set as loaded so far: every virtualized global a module has registered. */
export function linkerSet(): LinkerSetRow[] {
  return registry.entries.map((e) => ({ symbol: e.symbol, module: e.module, slot: e.slot, origin: e.origin, copy: e.kind }));
}
