/** Replaced at build time by build.mjs (as @rollup/plugin-replace or vite's `define` would). */
declare const __VIMAGE__: boolean;
