import { expect, it } from 'vitest';
import { runs, type Load } from './modules.js';

export function accountCases(load: Load): void {
  it('signs up on the classic checkout by default', async () => {
    const { accounts } = await load();
    expect((await accounts.signUp('ann')).account).toEqual({ id: 'user_1', name: 'ann', checkout: 'classic' });
  });

  it('signs up on the new checkout when its flag is on', async () => {
    const { accounts, flags } = await load();
    flags.setFlag('new-checkout', true);
    expect((await accounts.signUp('ann')).account.checkout).toBe('new');
  });

  it('refuses a name taken in the same test', async () => {
    const { accounts } = await load();
    await accounts.signUp('ann');
    await expect(accounts.signUp('ann')).rejects.toThrow('ann is taken');
  });

  it.each(runs)('run %i: finds every name free again', async () => {
    const { accounts, sessions } = await load();
    await accounts.signUp('ann');
    expect([accounts.accountCount(), sessions.activeSessions().length]).toEqual([1, 1]);
  });
}
