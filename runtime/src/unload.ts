import { runIn } from './context.js';
import { SysuninitError, VimageArgumentError } from './errors.js';
import { allSlotArrays, liveVnets as vnets, registry } from './state.js';
import { removeHandlers, sysinits, sysuninits } from './sysinit.js';

/**
 * A module is unloaded before a dev server runs its new version (kldunload before kldload):
 * its VNET_SYSUNINITs run in every live vnet, vnet0 included (vnet_deregister_sysuninit),
 * descending by order; its handlers are removed; its globals are freed in every vnet. The
 * new version's declarations then give every live vnet fresh copies and its VNET_SYSINITs
 * run in each. Handlers are known by module only when the plugin passed it (VIMAGE on).
 */
export function unloadModule(module: string): void {
  if (typeof module !== 'string') throw new VimageArgumentError(`__vimage.unload(module): module must be a string, got ${typeof module}.`);
  removeHandlers(sysinits, module);
  const uninits = removeHandlers(sysuninits, module).reverse();
  let failure: { vnet: string; error: unknown } | undefined;
  let failures = 0;
  for (const h of uninits) {
    for (const v of vnets()) {
      try {
        runIn(v, h.fn);
      } catch (error) {
        failure ??= { vnet: v.name, error };
        failures++;
      }
    }
  }
  // Free the values only after the SYSUNINITs, which may still read them.
  for (const entry of registry.unregister(module)) {
    for (const slots of allSlotArrays()) slots[entry.slot] = undefined;
  }
  if (failure) throw new SysuninitError(failure.vnet, failure.error, module, failures, module);
}
