import { VimageArgumentError } from './errors.js';
import { processWide } from './state.js';

/** A VNET_SYSINIT or VNET_SYSUNINIT handler and where it sorts. */
export interface Handler {
  readonly fn: () => void;
  readonly order: number;
  readonly seq: number;
  /** The module that registered it, when the plugin says so: unload(module) removes it. */
  readonly module: string | undefined;
}

const lists = processWide('sysinit', () => ({ seq: 0, sysinits: [] as Handler[], sysuninits: [] as Handler[] }));
/** Ascending by order, registration order among equals (FreeBSD sorts by subsystem, order, FIFO). */
export const { sysinits, sysuninits } = lists;

export function addHandler(list: Handler[], fn: () => void, order: number, what: string, module?: string): Handler {
  if (typeof fn !== 'function') throw new VimageArgumentError(`${what}(fn, order): fn must be a function, got ${typeof fn}.`);
  if (typeof order !== 'number' || Number.isNaN(order)) throw new VimageArgumentError(`${what}(fn, order): order must be a number, got ${String(order)}.`);
  const handler = { fn, order, seq: lists.seq++, module };
  let i = list.length;
  while (i > 0 && list[i - 1]!.order > order) i--;
  list.splice(i, 0, handler);
  return handler;
}

/** Drops every handler `module` registered; returns them in list order. */
export function removeHandlers(list: Handler[], module: string): Handler[] {
  const removed = list.filter((h) => h.module === module);
  if (removed.length) list.splice(0, list.length, ...list.filter((h) => h.module !== module));
  return removed;
}

/** Drops one handler (its registration failed). */
export function removeHandler(list: Handler[], handler: Handler): void {
  const i = list.indexOf(handler);
  if (i >= 0) list.splice(i, 1);
}
