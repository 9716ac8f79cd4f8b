import { enableAsyncContext } from './async-context.js';
import { runIn } from './context.js';
import { SysinitError, VimageArgumentError, VimageOffError, MixedBuildError } from './errors.js';
import { sealBoot } from './linker.js';
import { liveVnets, registry, state } from './state.js';
import { addHandler, removeHandler, sysinits } from './sysinit.js';
import { unloadModule } from './unload.js';
import { kill, makeVnet, reverseUninits, type Vnet } from './vnet.js';

/**
 * A new vnet: a copy of every reference copy, then the VNET_SYSINIT handlers run in
 * it, ascending by order; it joins vnets() only once they all succeeded (vnet_alloc).
 */
export function createVnet(name?: string): Vnet {
  if (name !== undefined && typeof name !== 'string') throw new VimageArgumentError(`createVnet(name): name must be a string, got ${typeof name}.`);
  checkBuiltWithVimage();
  if (!state.booted) sealBoot();
  enableAsyncContext();
  const v = makeVnet(name ?? `vnet${state.nextId}`, registry.instantiate());
  let done = 0;
  try {
    for (const h of sysinits) {
      runIn(v, h.fn);
      done++;
    }
  } catch (error) {
    const failed = sysinits[done]?.module;
    // Undo what ran, as Linux rolls back pernet init: the SYSUNINITs of every order level
    // that finished setting up, in their usual reverse order.
    const reached = done > 0 ? sysinits[done - 1]!.order : -Infinity;
    for (const h of reverseUninits()) if (h.order <= reached) safely(() => runIn(v, h.fn));
    kill(v);
    throw new SysinitError(v.name, error, failed);
  }
  state.live.push(v);
  return v;
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
      const outcome = `in vnet "${v.name}" while ${module ?? 'its module'} was loaded after vnets existed; ` +
        (module === undefined ? 'the handler was dropped' : 'the module was unloaded') + ' and every vnet stays live';
      throw new SysinitError(v.name, error, module, outcome);
    }
  }
}


/** Every vnet alive now, vnet0 first (VNET_FOREACH). */
export function vnets(): Vnet[] {
  return liveVnets();
}


function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // The original failure is the one reported.
  }
}


function checkBuiltWithVimage(): void {
  let on = false;
  const off: string[] = [];
  for (const record of registry.modules.values()) {
    if (record.vimage) on = true;
    else off.push(record.module);
  }
  if (on && state.rawMarkers.length) {
    throw new MixedBuildError(
      `createVnet(): the program was built with VIMAGE on, but markers ran unmodified at ${state.rawMarkers.slice(0, 3).join(', ')}: ` +
        'that code was not built by the vimage plugin, so its globals are shared by every vnet. Include it in the plugin (check `include`/`exclude`).',
    );
  }
  if (on) return;
  if (off.length) throw new VimageOffError(`${off.slice(0, 3).join(', ')}${off.length > 3 ? ` and ${off.length - 3} more` : ''} built with VIMAGE off`);
  if (state.rawMarkers.length) throw new VimageOffError(`markers ran unmodified at ${state.rawMarkers.slice(0, 3).join(', ')}: no build plugin processed them`);
}
