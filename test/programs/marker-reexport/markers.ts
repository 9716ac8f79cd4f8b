// The project's own marker module, as a codebase might keep one import path for them, one of
// them under a name of its own.
export { VNET_DEFINE, VNET_SYSINIT, VNET_DEFINE as virtualized } from '@vimage/runtime';
