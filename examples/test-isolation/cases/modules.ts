/** The modules under test. Each suite says how a test gets them (see vnet/ and reset/). */
export interface Modules {
  ids: typeof import('../src/ids.js');
  flags: typeof import('../src/flags.js');
  sessions: typeof import('../src/sessions.js');
  accounts: typeof import('../src/accounts.js');
}

export type Load = () => Promise<Modules>;

/** Runs of the same test, each from the modules' initial state; compare.mjs raises REPEAT to scale the suite. */
export const runs = Array.from({ length: Number(process.env.REPEAT ?? 5) }, (_, i) => i + 1);
