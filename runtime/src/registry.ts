import { copyKind, copyValue, isPlainPrimitiveArray } from './copy.js';
import { MixedBuildError, UnknownSymbolError } from './errors.js';

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
 * The slot registry: symbols to slots, reference copies, and which module was built
 * in which VIMAGE mode. It knows nothing of vnets; callers hand it the slot arrays.
 */
export class SlotRegistry {
  readonly entries: SlotEntry[] = [];
  readonly bySymbol = new Map<string, SlotEntry>();
  readonly modules = new Map<string, ModuleRecord>();
  /**
   * What a new vnet starts from, kept up to date as reference copies are taken: the value of
   * every primitive or shared slot in place, and the slots whose copy must be deep. A new vnet
   * is one slice plus the deep copies (vnet_alloc's memcpy of the master copy).
   */
  private readonly template: unknown[] = [];
  private readonly deep = new Set<number>();
  /** Modes seen per symbol from referencing modules, for the mixed-build check. */
  private readonly referrers = new Map<string, Map<string, boolean>>();

  /** Slot of `symbol`, allocated on first mention (an importer in a cycle may come first). */
  slotOf(symbol: string, grow: (slot: number) => void): SlotEntry {
    let entry = this.bySymbol.get(symbol);
    if (!entry) {
      entry = { symbol, slot: this.entries.length, module: undefined, origin: 'marked', defined: false, refcopy: undefined, kind: undefined, flat: false };
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
  register(module: string, vimage: boolean, defs: readonly string[], refs: readonly string[], grow: (slot: number) => void): number[] {
    // Check everything before changing anything: a refused module leaves no trace.
    for (const name of defs) {
      const symbol = `${module}#${name}`;
      for (const [referrer, mode] of this.referrers.get(symbol) ?? []) {
        if (mode !== vimage && referrer !== module) throw mixed(referrer, mode, symbol, module, vimage);
      }
    }
    for (const symbol of refs) {
      const definer = this.definerOf(symbol);
      if (definer && definer.vimage !== vimage && definer.module !== module) throw mixed(module, vimage, symbol, definer.module, definer.vimage);
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
    return record && record.defs.includes(symbol.slice(hash + 1)) ? record : undefined;
  }

  /** Takes the reference copy from `value` (kernel rule) and returns what each other vnet gets. */
  takeReference(entry: SlotEntry, value: unknown, origin: SlotOrigin): void {
    entry.origin = origin;
    entry.kind = copyKind(value);
    entry.refcopy = entry.kind === 'primitive' ? value : copyValue(value);
    entry.flat = isPlainPrimitiveArray(entry.refcopy);
    entry.defined = true;
    this.remember(entry);
  }

  private remember(entry: SlotEntry): void {
    const byValue = !entry.defined || entry.kind === 'primitive' || entry.kind === 'shared';
    this.template[entry.slot] = byValue && entry.defined ? entry.refcopy : undefined;
    if (byValue) this.deep.delete(entry.slot);
    else this.deep.add(entry.slot);
  }

  /** One vnet's own copy of a defined entry's reference copy. */
  copyOf(entry: SlotEntry): unknown {
    if (entry.kind === 'primitive' || entry.kind === 'shared') return entry.refcopy;
    return entry.flat ? (entry.refcopy as unknown[]).slice() : copyValue(entry.refcopy);
  }

  /** A fresh per-vnet copy of every reference copy: what a new vnet starts from. */
  instantiate(): unknown[] {
    const slots = this.template.slice();
    for (const slot of this.deep) slots[slot] = this.copyOf(this.entries[slot]!);
    return slots;
  }

  lookup(symbol: string): SlotEntry {
    const entry = this.bySymbol.get(symbol);
    if (entry?.defined) return entry;
    // Only defined ones: a slot kept for an unloaded global is no suggestion.
    const near = this.entries.filter((e) => e.defined && e.symbol.endsWith(`#${symbol.split('#').pop()}`)).map((e) => e.symbol);
    throw new UnknownSymbolError(symbol, near.length ? ` (did you mean ${near.map((s) => `"${s}"`).join(', ')}?)` : '');
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
      Object.assign(entry, { module: undefined, origin: 'marked', defined: false, refcopy: undefined, kind: undefined });
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

function mixed(referrer: string, referrerOn: boolean, symbol: string, definer: string, definerOn: boolean): MixedBuildError {
  const mode = (on: boolean) => (on ? 'VIMAGE on' : 'VIMAGE off');
  return new MixedBuildError(
    `${referrer} (built with ${mode(referrerOn)}) references ${symbol}, but ${definer} was built with ${mode(definerOn)}. ` +
      `Rebuild ${definer} with ${mode(referrerOn)}, or ${referrer} with ${mode(definerOn)}: every module that defines or references ` +
      'virtualized globals must be built with the same VIMAGE setting (`vimage affected` lists them).',
  );
}
