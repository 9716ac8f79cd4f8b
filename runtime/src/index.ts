import { state } from './state.js';
import type { Vnet } from './vnet.js';

export { curvnet, withVnet } from './curvnet.js';
export { Vnet, createVnet, vnets } from './vnet.js';
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
  RuntimeConflictError,
  JestRunnerError,
  TestNotInVnetError,
} from './errors.js';
export { __vimage, type Linker } from './generated-api.js';
export { linkerSet, type LinkerSetRow } from './linker-set.js';

/** The default vnet: current whenever no other one is. */
export const vnet0: Vnet = state.vnet0;
