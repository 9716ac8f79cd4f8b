import { VNET_DEFINE } from '@vimage/runtime';
import { isOn } from './flags.js';
import { nextId } from './ids.js';
import { login, type Session } from './sessions.js';

export interface Account {
  id: string;
  name: string;
  checkout: 'new' | 'classic';
}

/** Accounts by name: the service the other modules serve. */
const accounts = VNET_DEFINE(new Map<string, Account>());

export async function signUp(name: string): Promise<{ account: Account; session: Session }> {
  if (accounts.has(name)) throw new Error(`${name} is taken`);
  const account: Account = { id: nextId('user'), name, checkout: isOn('new-checkout') ? 'new' : 'classic' };
  accounts.set(name, account);
  return { account, session: await login(name) };
}

export function accountCount(): number {
  return accounts.size;
}
