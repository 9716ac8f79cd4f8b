import { copyKind, isPlainPrimitiveArray } from './copy-rules.js';
import { copyValue } from './copy.js';
import type { SlotEntry, SlotOrigin } from './linker-set.js';
import { allSlotArrays, hot, state } from './state.js';

/**
 * Reference copies (SPEC, Semantics, "Reference copies"): the value each virtualized global had
 * when its declaration was evaluated (kernel rule), kept apart from every vnet's own value, and
 * what every new vnet's copy is made from. The linker set (linker-set.ts) is built on this: each
 * of its rows carries its reference copy.
 */
export class ReferenceCopies {
  readonly entries: SlotEntry[] = [];
  /**
   * What a new vnet starts from, kept up to date as reference copies are taken: the value of
   * every primitive or shared slot in place, and the slots whose copy must be deep. A new vnet
   * is one slice plus the deep copies (vnet_alloc's memcpy of the master copy).
   */
  protected readonly template: unknown[] = [];
  protected readonly deep = new Set<number>();

  /** Takes the reference copy from `value` (kernel rule). */
  takeReference(entry: SlotEntry, value: unknown, origin: SlotOrigin): void {
    entry.origin = origin;
    entry.kind = copyKind(value);
    entry.refcopy = entry.kind === 'primitive' ? value : copyValue(value);
    entry.flat = isPlainPrimitiveArray(entry.refcopy);
    entry.defined = true;
    this.remember(entry);
  }

  protected remember(entry: SlotEntry): void {
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
}

/**
 * Takes a slot's reference copy from `value` and gives every live vnet but the current one its
 * own copy of it (vnet_data_copy); the current vnet's value is the caller's business.
 */
export function publish(
  copies: ReferenceCopies,
  slot: number,
  value: unknown,
  origin: SlotOrigin,
): void {
  const entry = copies.entries[slot]!;
  copies.takeReference(entry, value, origin);
  const current = hot.c;
  for (const slots of allSlotArrays()) {
    if (slots !== current) slots[slot] = copies.copyOf(entry);
  }
}

/** Boot ends at the first createVnet(): automatic slots not yet sealed copy vnet0's values. */
export function sealBoot(copies: ReferenceCopies): void {
  state.booted = true;
  const slots0 = state.vnet0.slots;
  for (const entry of copies.entries) {
    if (entry.origin !== 'auto' || entry.defined) continue;
    copies.takeReference(entry, slots0[entry.slot], 'auto');
  }
}
