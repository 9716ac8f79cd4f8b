/**
 * Everything that loads TypeScript and ts-morph (about a second and a half at start). Verbs
 * import it inside run(), so --help and usage errors answer at once.
 */
export { openProject, type OpenProject } from './project/open.js';
export { Analyzer, type ModuleRun } from './project/analyze.js';
export { linkerSet } from './linker.js';
export { atRevision, changedGlobals, setOf } from './project/since.js';
export { touchesOf } from './project/touches.js';
export { emitProject, formatDiagnostics } from './tsc/emit.js';
export { virtualizeFiles } from './codemod/index.js';
