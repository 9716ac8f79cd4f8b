import { VNET_DEFINE, VNET_SYSINIT } from '@vimage/runtime';

/** A feature-flag registry: tests flip flags, and must not see each other's flips. */
const flags = VNET_DEFINE(new Map<string, boolean>());

// The defaults, registered the VNET way: a SYSINIT runs in vnet0 at load and in every new vnet.
VNET_SYSINIT(() => {
  flags.set('new-checkout', false);
  flags.set('dark-mode', true);
});

export function isOn(name: string): boolean {
  const on = flags.get(name);
  if (on === undefined) throw new Error(`unknown flag ${name}`);
  return on;
}

export function setFlag(name: string, on: boolean): void {
  flags.set(name, on);
}

export function listFlags(): string[] {
  return [...flags.keys()];
}
