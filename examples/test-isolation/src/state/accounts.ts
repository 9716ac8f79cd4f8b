import { VNET_DEFINE } from '@vimage/runtime';

export interface Booking {
  id: string;
  account: string;
  service: string;
  day: string;
  price: number;
}

export interface Account {
  name: string;
  bookings: Booking[];
}

/** Every open account by name: a second account of the same name is refused. */
const accounts = VNET_DEFINE(new Map<string, Account>());

export function openAccount(name: string): Account {
  if (accounts.has(name)) throw new Error(`account "${name}" already exists`);
  const account = { name, bookings: [] };
  accounts.set(name, account);
  return account;
}

export function getAccount(name: string): Account {
  const account = accounts.get(name);
  if (!account) throw new Error(`no account "${name}"`);
  return account;
}

export function countAccounts(): number {
  return accounts.size;
}
