/** Programmatic entry: `main(argv)` runs one command line and resolves to its exit status. */
export { main, VERBS } from './main.js';
export type { Verb } from './verb.js';
export { openProject, type OpenProject } from './project/open.js';
export { Analyzer, type ModuleRun } from './project/analyze.js';
export { linkerSet, type LinkerSet, type SetRow, type SetTotals } from './linker.js';
export { CLI_CODES } from './errors.js';
