import './boot.js';
import { state } from './state.js';
import type { Vnet } from './vnet.js';

export { Vnet } from './vnet.js';
export { curvnet, withVnet } from './context.js';
export { createVnet, vnets } from './lifecycle.js';
export { VNET_DEFINE, VNET_SYSINIT, VNET_SYSUNINIT, vnet } from './markers.js';
export { setVnetDebug, vnetDebugRecords, type NestingRecord } from './debug.js';
export {
  VimageError,
  VnetDestroyedError,
  Vnet0DestroyError,
  VnetInUseError,
  VimageOffError,
  UnknownSymbolError,
  MixedBuildError,
  SysinitError,
  SysuninitError,
  VimageArgumentError,
} from './errors.js';
export { __vimage, type Linker } from './linker.js';
export { linkerSet, type LinkerSetRow } from './introspect.js';

/** The default vnet: current whenever no other one is. */
export const vnet0: Vnet = state.vnet0;
