import { VNET_DEFINE, VNET_SYSINIT } from '@vimage/runtime';

/** Feature flags: tests flip them, and must not see each other's flips. */
const flags = VNET_DEFINE(new Map<string, boolean>());

// The defaults, registered the VNET way: a SYSINIT runs in vnet0 at load and in every new vnet.
VNET_SYSINIT(() => {
  flags.set('weekend-surcharge', true);
  flags.set('promotions', true);
});

export function isOn(name: string): boolean {
  const on = flags.get(name);
  if (on === undefined) throw new Error(`unknown flag "${name}"`);
  return on;
}

export function setFlag(name: string, on: boolean): void {
  isOn(name);
  flags.set(name, on);
}
