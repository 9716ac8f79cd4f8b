import * as accounts from '../src/accounts.js';
import * as flags from '../src/flags.js';
import * as ids from '../src/ids.js';
import * as sessions from '../src/sessions.js';
import type { Load } from '../cases/modules.js';

/** Imported once per file: the vnet each test runs in (setup.ts) is what makes their state fresh. */
export const load: Load = async () => ({ ids, flags, sessions, accounts });
