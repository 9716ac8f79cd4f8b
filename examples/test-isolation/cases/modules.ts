/** The modules under test. Each suite says how a test gets them (see vnet/ and reset/). */
export interface Modules {
  ids: typeof import('../src/ids.js');
  flags: typeof import('../src/flags.js');
  sessions: typeof import('../src/sessions.js');
  accounts: typeof import('../src/accounts.js');
}

export type Load = () => Promise<Modules>;

/** Runs of the same test: each must start from the modules' initial state. */
export const runs = [1, 2, 3, 4, 5];
