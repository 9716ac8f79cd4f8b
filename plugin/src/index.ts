export { VimageCore, type ResolveId } from './core/core.js';
export { pluginConfig, type VimagePluginOptions, type PluginConfig } from './core/options.js';
export {
  LINKER_SET_ID,
  linkerSetRows,
  linkerSetModule,
  type LinkerSetRow,
} from './core/linker-set.js';
export { ModuleExportsRule, type ModuleSources } from './core/exports.js';
