import { VNET_DEFINE } from '@vimage/runtime';

/** A settable clock: tests fix "now"; unset, it follows the system clock. */
let fixed = VNET_DEFINE<Date | null>(null);

export function setNow(date: Date | null): void {
  fixed = date;
}

export function now(): Date {
  return fixed ? new Date(fixed) : new Date();
}
