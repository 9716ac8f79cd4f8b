export type Tools = typeof import('./tools.js');

/** The heavy half of the CLI (TypeScript, ts-morph, the transform), loaded when a verb runs. */
export const loadTools = (): Promise<Tools> => import('./tools.js');
