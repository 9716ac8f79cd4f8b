import { enableAsyncPropagation } from './async.js';
import { runIn } from './context.js';
import { SysinitError, Vnet0DestroyError, VnetDestroyedError, VnetInUseError, VimageArgumentError, VimageOffError, MixedBuildError } from './errors.js';
import { sealBoot } from './linker.js';
import { registry, state } from './state.js';
import { sysinits, sysuninits } from './sysinit.js';
import { makeVnet, poisonedSlots, type Vnet } from './vnet.js';

/**
 * A new vnet: a copy of every reference copy, then the VNET_SYSINIT handlers run in
 * it, ascending by order; it joins vnets() only once they all succeeded (vnet_alloc).
 */
export function createVnet(name?: string): Vnet {
  if (name !== undefined && typeof name !== 'string') throw new VimageArgumentError(`createVnet(name): name must be a string, got ${typeof name}.`);
  checkBuiltWithVimage();
  if (!state.booted) sealBoot();
  enableAsyncPropagation();
  const v = makeVnet(name ?? `vnet${state.nextId}`, registry.instantiate());
  let done = 0;
  try {
    for (const h of sysinits) {
      runIn(v, h.fn);
      done++;
    }
  } catch (error) {
    // Undo what ran, as Linux rolls back pernet init: the SYSUNINITs of every order level
    // that finished setting up, in their usual reverse order.
    const reached = done > 0 ? sysinits[done - 1]!.order : -Infinity;
    for (const h of reverseUninits()) if (h.order <= reached) safely(() => runIn(v, h.fn));
    kill(v);
    throw new SysinitError(v.name, error);
  }
  state.live.push(v);
  return v;
}

/** Unlink, run the VNET_SYSUNINIT handlers in reverse order, then poison (vnet_destroy). */
export function destroyVnet(v: Vnet): void {
  if (v === state.vnet0) throw new Vnet0DestroyError();
  if (v.status === 'dead') throw new VnetDestroyedError(v.name, 'destroy it again');
  if (v.status === 'dying') throw new VnetInUseError(v.name, 'it is being destroyed');
  if (v === state.cur) throw new VnetInUseError(v.name, 'it is the current vnet');
  if (v.busy > 0) throw new VnetInUseError(v.name, `${v.busy} withVnet() call${v.busy === 1 ? ' has' : 's have'} not finished`);
  const i = state.live.indexOf(v);
  if (i >= 0) state.live.splice(i, 1);
  v.status = 'dying';
  let failure: unknown;
  for (const h of reverseUninits()) {
    try {
      runIn(v, h.fn);
    } catch (error) {
      failure ??= error;
    }
  }
  kill(v);
  if (failure !== undefined) throw failure;
}

/** Every vnet alive now, vnet0 first (VNET_FOREACH). */
export function vnets(): Vnet[] {
  return [state.vnet0, ...state.live];
}

function reverseUninits() {
  return [...sysuninits].reverse();
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // The original failure is the one reported.
  }
}

function kill(v: Vnet): void {
  v.status = 'dead';
  v.slots = poisonedSlots(v.name);
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
