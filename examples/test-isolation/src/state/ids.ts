import { VNET_DEFINE } from '@vimage/runtime';

/** A module-level counter: bookings are numbered B-1, B-2, ... from the start of the program. */
let next = VNET_DEFINE(1);

export function nextId(prefix: string): string {
  return `${prefix}-${next++}`;
}
