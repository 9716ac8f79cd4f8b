import { MixedBuildError, UnknownSymbolError, VimageOffError } from './errors.js';
import { ReferenceCopies } from './reference-copy.js';
import { allSlotArrays, processWide, state } from './state.js';

/** How a slot's initial value is taken: at its declaration (marked) or at boot end (automatic). */
export type SlotOrigin = 'marked' | 'auto';

/** One virtualized global: a row of the linker set. */
export interface SlotEntry {
  readonly symbol: string;
  readonly slot: number;
  /** The module that defines it, once that module has registered. */
  module: string | undefined;
  origin: SlotOrigin;
  /** Whether a reference copy exists yet (declaration evaluated, or automatic slot sealed). */
  defined: boolean;
  refcopy: unknown;
  kind: 'primitive' | 'deep' | 'shared' | undefined;
  /** The reference copy is a plain array of primitives: each vnet's copy is a slice. */
  flat: boolean;
}

/** What one module said about itself when it was evaluated. */
export interface ModuleRecord {
  readonly module: string;
  vimage: boolean;
  defs: string[];
  refs: string[];
}

/**
 * The linker set (FreeBSD's `set_vnet`): symbols to slots, each row with its reference copy
 * (reference-copy.ts), and which module was built in which VIMAGE mode. It knows nothing of
 * vnets; callers hand it the slot arrays.
 */
export class LinkerSet extends ReferenceCopies {
  readonly bySymbol = new Map<string, SlotEntry>();
  readonly modules = new Map<string, ModuleRecord>();
  /** Modes seen per symbol from referencing modules, for the mixed-build check. */
  private readonly referrers = new Map<string, Map<string, boolean>>();

  /** Slot of `symbol`, allocated on first mention (an importer in a cycle may come first). */
  slotOf(symbol: string, grow: (slot: number) => void): SlotEntry {
    let entry = this.bySymbol.get(symbol);
    if (!entry) {
      entry = {
        symbol,
        slot: this.entries.length,
        module: undefined,
        origin: 'marked',
        defined: false,
        refcopy: undefined,
        kind: undefined,
        flat: false,
      };
      this.entries.push(entry);
      this.template.push(undefined);
      this.bySymbol.set(symbol, entry);
      grow(entry.slot);
    }
    return entry;
  }

  /**
   * A module announces its mode, the globals it defines (names) and the ones it
   * references (symbols). Returns the slots, defs first, then refs; none when off.
   */
  register(
    module: string,
    vimage: boolean,
    defs: readonly string[],
    refs: readonly string[],
    grow: (slot: number) => void,
  ): number[] {
    // Check everything before changing anything: a refused module leaves no trace.
    for (const name of defs) {
      const symbol = `${module}#${name}`;
      for (const [referrer, mode] of this.referrers.get(symbol) ?? []) {
        if (mode !== vimage && referrer !== module)
          throw mixed(referrer, mode, symbol, module, vimage);
      }
    }
    for (const symbol of refs) {
      const definer = this.definerOf(symbol);
      if (definer && definer.vimage !== vimage && definer.module !== module)
        throw mixed(module, vimage, symbol, definer.module, definer.vimage);
    }
    const previous = this.modules.get(module);
    if (previous) this.forget(previous);
    this.modules.set(module, { module, vimage, defs: [...defs], refs: [...refs] });
    const slots: number[] = [];
    for (const name of defs) {
      if (!vimage) continue;
      const entry = this.slotOf(`${module}#${name}`, grow);
      entry.module = module;
      slots.push(entry.slot);
    }
    for (const symbol of refs) {
      let modes = this.referrers.get(symbol);
      if (!modes) this.referrers.set(symbol, (modes = new Map()));
      modes.set(module, vimage);
      if (vimage) slots.push(this.slotOf(symbol, grow).slot);
    }
    return slots;
  }

  /** The record of the module that defines `symbol`, if it has registered. */
  definerOf(symbol: string): ModuleRecord | undefined {
    const hash = symbol.lastIndexOf('#');
    const record = this.modules.get(symbol.slice(0, hash));
    return record?.defs.includes(symbol.slice(hash + 1)) ? record : undefined;
  }

  lookup(symbol: string): SlotEntry {
    const entry = this.bySymbol.get(symbol);
    if (entry?.defined) return entry;
    // Only defined ones: a slot kept for an unloaded global is no suggestion.
    const near = this.entries
      .filter((e) => e.defined && e.symbol.endsWith(`#${symbol.split('#').pop()}`))
      .map((e) => e.symbol);
    throw new UnknownSymbolError(
      symbol,
      near.length ? ` (did you mean ${near.map((s) => `"${s}"`).join(', ')}?)` : '',
    );
  }

  /**
   * A module is unloaded (a dev server disposes it before a hot update): its record goes and
   * the globals it defined lose their reference copies. The slots stay reserved under their
   * symbols, so importers that keep their slot constants, and the module's next version,
   * find the same ones. Returns the freed entries.
   */
  unregister(module: string): SlotEntry[] {
    const record = this.modules.get(module);
    if (!record) return [];
    this.forget(record);
    this.modules.delete(module);
    const freed: SlotEntry[] = [];
    for (const name of record.defs) {
      const entry = this.bySymbol.get(`${module}#${name}`);
      if (!entry || entry.module !== module) continue;
      Object.assign(entry, {
        module: undefined,
        origin: 'marked',
        defined: false,
        refcopy: undefined,
        kind: undefined,
      });
      this.remember(entry);
      freed.push(entry);
    }
    return freed;
  }

  /** A module registering again (re-run by a dev server) replaces its old claims. */
  private forget(record: ModuleRecord): void {
    for (const symbol of record.refs) this.referrers.get(symbol)?.delete(record.module);
  }
}

function mixed(
  referrer: string,
  referrerOn: boolean,
  symbol: string,
  definer: string,
  definerOn: boolean,
): MixedBuildError {
  const mode = (on: boolean) => (on ? 'VIMAGE on' : 'VIMAGE off');
  return new MixedBuildError(
    `${referrer} (built with ${mode(referrerOn)}) references ${symbol}, ` +
      `but ${definer} was built with ${mode(definerOn)}. ` +
      `Rebuild ${definer} with ${mode(referrerOn)}, or ${referrer} with ${mode(definerOn)}: ` +
      'every module that defines or references virtualized globals must be built with the same ' +
      'VIMAGE setting (`vimage affected` lists them).',
  );
}

/** The linker set of this process, shared by every copy of the runtime (state.ts). */
export const registry = processWide('registry', () => new LinkerSet());

/** New slots appear in every live vnet at once (vnet_data_alloc + copy into each vnet). */
export function grow(slot: number): void {
  for (const slots of allSlotArrays()) {
    while (slots.length <= slot) slots.push(undefined);
  }
}

/**
 * A module is unloaded: the globals it defined lose their reference copies and every vnet's
 * value of them is freed; their slots stay reserved (see unregister).
 */
export function freeGlobals(module: string): void {
  for (const entry of registry.unregister(module)) {
    for (const slots of allSlotArrays()) slots[entry.slot] = undefined;
  }
}

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
  return registry.entries.map((e) => ({
    symbol: e.symbol,
    module: e.module,
    slot: e.slot,
    origin: e.origin,
    copy: e.kind,
  }));
}

/**
 * createVnet()'s check that the program was built with VIMAGE on throughout: no module built
 * off, no marker that ran unmodified.
 */
export function checkBuiltWithVimage(): void {
  let on = false;
  const off: string[] = [];
  for (const record of registry.modules.values()) {
    if (record.vimage) on = true;
    else off.push(record.module);
  }
  const raw = state.rawMarkers.slice(0, 3).join(', ');
  if (on && state.rawMarkers.length) {
    throw new MixedBuildError(
      `createVnet(): the program was built with VIMAGE on, but markers ran unmodified at ${raw}: ` +
        'that code was not built by the vimage plugin, so its globals are shared by every vnet. ' +
        'Include it in the plugin (check `include`/`exclude`).',
    );
  }
  if (on) return;
  if (off.length) {
    const more = off.length > 3 ? ` and ${off.length - 3} more` : '';
    throw new VimageOffError(`${off.slice(0, 3).join(', ')}${more} built with VIMAGE off`);
  }
  if (state.rawMarkers.length)
    throw new VimageOffError(`markers ran unmodified at ${raw}: no build plugin processed them`);
}
