import { VNET_DEFINE, VNET_SYSINIT, VNET_SYSUNINIT, curvnet } from '@vimage/runtime';

/** Module-level state a test would otherwise have to reset by hand between tests. */
export const sessions = VNET_DEFINE(new Map<string, number>());
export let logins = VNET_DEFINE(0);
/** @vnet */ export let owner = 'none';
/** Not virtualized: shared by every vnet, so the tests can see SYSUNINITs run. */
export const closed: string[] = [];

VNET_SYSINIT(() => {
  owner = curvnet().name;
});
VNET_SYSUNINIT(() => {
  closed.push(`${owner}:${logins}`);
});

export async function login(user: string, delay = 0): Promise<string> {
  await new Promise((r) => setTimeout(r, delay));
  logins++;
  sessions.set(user, logins);
  await Promise.resolve();
  return `${owner}/${user}#${logins}`;
}
