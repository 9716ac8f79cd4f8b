/**
 * The type of `virtual:vimage/set`, the linker set every bundler adapter serves. Add
 * "@vimage/plugin/client" to `compilerOptions.types` in tsconfig.json (or write
 * `/// <reference types="@vimage/plugin/client" />` in a .d.ts file of the project).
 */
declare module 'virtual:vimage/set' {
  import type { LinkerSetRow } from '@vimage/plugin';
  /** Every virtualized global of the program: modules in path order, globals in source order. */
  const set: LinkerSetRow[];
  export default set;
}
