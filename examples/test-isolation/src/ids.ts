import { VNET_DEFINE } from '@vimage/runtime';

/** A module-level id counter: tests that assert on ids need it back at 1. */
let next = VNET_DEFINE(1);

export function nextId(prefix: string): string {
  return `${prefix}_${next++}`;
}
