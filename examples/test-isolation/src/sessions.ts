import { VNET_DEFINE } from '@vimage/runtime';
import { nextId } from './ids.js';

export interface Session {
  id: string;
  user: string;
  expires: number;
}

/** A module-level session store, with a TTL a test may change. */
const sessions = VNET_DEFINE(new Map<string, Session>());
let ttlMs = VNET_DEFINE(60_000);

/** Checking a password takes a moment, as it would against a real hash or service. */
const verify = (user: string) => new Promise<boolean>((resolve) => setTimeout(() => resolve(user !== 'mallory'), 1));

export async function login(user: string, now = 0): Promise<Session> {
  if (!(await verify(user))) throw new Error(`bad password for ${user}`);
  const session = { id: nextId('sess'), user, expires: now + ttlMs };
  sessions.set(session.id, session);
  return session;
}

export function logout(id: string): boolean {
  return sessions.delete(id);
}

export function activeSessions(now = 0): Session[] {
  return [...sessions.values()].filter((s) => s.expires > now);
}

export function setTtl(ms: number): void {
  ttlMs = ms;
}
