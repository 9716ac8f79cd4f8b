// The project's own marker module, as a codebase might keep one import path for them.
export { VNET_DEFINE, VNET_SYSINIT } from '@vimage/runtime';
