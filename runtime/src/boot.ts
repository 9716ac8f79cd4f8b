// The linker's methods must be on `__vimage` before any module registers.
import './linker.js';
import { state, switchTo } from './state.js';
import { makeVnet } from './vnet.js';

// vnet0 exists from the start: every module's top-level code runs in it while the program boots.
// A second copy of the runtime in the process finds it made (state.ts).
if (!state.vnet0) {
  state.vnet0 = makeVnet('vnet0', []);
  switchTo(state.vnet0);
}
