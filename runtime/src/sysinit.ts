import { runIn } from './curvnet.js';
import { SysinitError, SysuninitError, VimageArgumentError } from './errors.js';
import { freeGlobals } from './linker-set.js';
import { liveVnets, processWide, state } from './state.js';
import type { Vnet } from './vnet.js';

/**
 * VNET_SYSINIT and VNET_SYSUNINIT: the handler lists, and every place they run (a handler
 * registered while vnets exist, a vnet created or destroyed, a module unloaded).
 */

/** A VNET_SYSINIT or VNET_SYSUNINIT handler and where it sorts. */
export interface Handler {
  readonly fn: () => void;
  readonly order: number;
  readonly seq: number;
  /** The module that registered it, when the plugin says so: unload(module) removes it. */
  readonly module: string | undefined;
}

const lists = processWide('sysinit', () => ({
  seq: 0,
  sysinits: [] as Handler[],
  sysuninits: [] as Handler[],
}));
/**
 * Ascending by order, registration order among equals (FreeBSD sorts by subsystem, order, FIFO).
 */
export const { sysinits, sysuninits } = lists;

export function addHandler(
  list: Handler[],
  fn: () => void,
  order: number,
  what: string,
  module?: string,
): Handler {
  if (typeof fn !== 'function')
    throw new VimageArgumentError(`${what}(fn, order): fn must be a function, got ${typeof fn}.`);
  if (typeof order !== 'number' || Number.isNaN(order))
    throw new VimageArgumentError(
      `${what}(fn, order): order must be a number, got ${String(order)}.`,
    );
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

/**
 * VNET_SYSINIT: the handler joins the list, then runs at once in every live vnet, vnet0 first
 * (vnet_register_sysinit). When it throws, it is not kept, so no later vnet runs it. While only
 * vnet0 exists (boot) the error is the handler's own, as in the VIMAGE-off build. In a module
 * evaluated after vnets exist, the module is unloaded as a failed kldload is (its SYSUNINITs
 * registered so far run in every live vnet, its handlers go, its globals are freed) and the
 * import fails with SysinitError naming the vnet and the module; every vnet stays live.
 */
export function registerSysinit(fn: () => void, order: number, module: string | undefined): void {
  const handler = addHandler(sysinits, fn, order, 'VNET_SYSINIT', module);
  const late = state.live.length > 0;
  for (const v of liveVnets()) {
    try {
      runIn(v, fn);
    } catch (error) {
      removeHandler(sysinits, handler);
      if (!late) throw error;
      if (module !== undefined) safely(() => unloadModule(module));
      const outcome =
        `in vnet "${v.name}" while ${module ?? 'its module'} was loaded after vnets existed; ` +
        (module === undefined ? 'the handler was dropped' : 'the module was unloaded') +
        ' and every vnet stays live';
      throw new SysinitError(v.name, error, module, outcome);
    }
  }
}

/**
 * A new vnet's SYSINITs, ascending by order. When one throws, the SYSUNINITs of every order
 * level that finished setting up run in their usual reverse order (as Linux rolls back pernet
 * init), then SysinitError is thrown: the caller discards the vnet.
 */
export function runSysinits(v: Vnet): void {
  let done = 0;
  try {
    for (const h of sysinits) {
      runIn(v, h.fn);
      done++;
    }
  } catch (error) {
    const failed = sysinits[done]?.module;
    const reached = done > 0 ? sysinits[done - 1]!.order : -Infinity;
    for (const h of reverseUninits()) if (h.order <= reached) safely(() => runIn(v, h.fn));
    throw new SysinitError(v.name, error, failed);
  }
}

/**
 * A dying vnet's SYSUNINITs, in reverse order. A throwing handler stops only itself: the later
 * ones still run. Returns the failures, for the caller to report once the vnet is dead.
 */
export function runSysuninits(v: Vnet): { h: Handler; error: unknown }[] {
  const failures: { h: Handler; error: unknown }[] = [];
  for (const h of reverseUninits()) {
    try {
      runIn(v, h.fn);
    } catch (error) {
      failures.push({ h, error });
    }
  }
  return failures;
}

/** SYSUNINITs run descending by order, reverse registration order among equals. */
function reverseUninits(): Handler[] {
  return [...sysuninits].reverse();
}

/**
 * A module is unloaded before a dev server runs its new version (kldunload before kldload):
 * its VNET_SYSUNINITs run in every live vnet, vnet0 included (vnet_deregister_sysuninit),
 * descending by order; its handlers are removed; its globals are freed in every vnet. The
 * new version's declarations then give every live vnet fresh copies and its VNET_SYSINITs
 * run in each. Handlers are known by module only when the plugin passed it (VIMAGE on).
 */
export function unloadModule(module: string): void {
  if (typeof module !== 'string')
    throw new VimageArgumentError(
      `__vimage.unload(module): module must be a string, got ${typeof module}.`,
    );
  removeHandlers(sysinits, module);
  const uninits = removeHandlers(sysuninits, module).reverse();
  let failure: { vnet: string; error: unknown } | undefined;
  let failures = 0;
  for (const h of uninits) {
    for (const v of liveVnets()) {
      try {
        runIn(v, h.fn);
      } catch (error) {
        failure ??= { vnet: v.name, error };
        failures++;
      }
    }
  }
  // Free the values only after the SYSUNINITs, which may still read them.
  freeGlobals(module);
  if (failure) throw new SysuninitError(failure.vnet, failure.error, module, failures, module);
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // The original failure is the one reported.
  }
}
