import { __vimage } from './linker.js';
import { state } from './state.js';
import { makeVnet } from './vnet.js';

// vnet0 exists from the start: every module's top-level code runs in it while the program boots.
state.vnet0 = makeVnet('vnet0', []);
state.cur = state.vnet0;
__vimage.c = state.vnet0.slots;
__vimage.v = state.vnet0;
