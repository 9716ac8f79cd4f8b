import { expect, it } from 'vitest';
import { runs, type Load } from './modules.js';

export function sessionCases(load: Load): void {
  it('logs in and out', async () => {
    const { sessions } = await load();
    const s = await sessions.login('ann');
    expect(s).toEqual({ id: 'sess_1', user: 'ann', expires: 60_000 });
    expect(sessions.logout(s.id)).toBe(true);
    expect(sessions.activeSessions()).toEqual([]);
  });

  it('logs in five users at once', async () => {
    const { sessions } = await load();
    const all = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((u) => sessions.login(u)));
    expect(all.map((s) => s.id).sort()).toEqual(['sess_1', 'sess_2', 'sess_3', 'sess_4', 'sess_5']);
    expect(sessions.activeSessions()).toHaveLength(5);
  });

  it('refuses a bad password and stores nothing', async () => {
    const { sessions } = await load();
    await expect(sessions.login('mallory')).rejects.toThrow('bad password');
    expect(sessions.activeSessions()).toEqual([]);
  });

  it('shortens the TTL for itself', async () => {
    const { sessions } = await load();
    sessions.setTtl(10);
    await sessions.login('bob');
    expect(sessions.activeSessions(20)).toEqual([]);
  });

  it.each(runs)('run %i: starts with no sessions and the default TTL', async () => {
    const { sessions } = await load();
    expect(sessions.activeSessions()).toEqual([]);
    expect((await sessions.login('eve')).expires).toBe(60_000);
  });
}
