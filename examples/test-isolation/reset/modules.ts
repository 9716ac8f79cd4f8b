import { vi } from 'vitest';
import type { Load } from '../cases/modules.js';

/** The usual way: forget every module and import the graph again, so each test evaluates it afresh. */
export const load: Load = async () => {
  vi.resetModules();
  return {
    ids: await import('../src/ids.js'),
    flags: await import('../src/flags.js'),
    sessions: await import('../src/sessions.js'),
    accounts: await import('../src/accounts.js'),
  };
};
