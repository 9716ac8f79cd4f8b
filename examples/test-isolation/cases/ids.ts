import { expect, it } from 'vitest';
import { runs, type Load } from './modules.js';

export function idCases(load: Load): void {
  it.each(runs)('run %i: ids start at 1', async () => {
    const { ids } = await load();
    expect([ids.nextId('t'), ids.nextId('t')]).toEqual(['t_1', 't_2']);
  });

  it('one counter serves every module that imports it', async () => {
    const { ids, accounts } = await load();
    const { account, session } = await accounts.signUp('ann');
    expect([account.id, session.id, ids.nextId('x')]).toEqual(['user_1', 'sess_2', 'x_3']);
  });

  it('counts a thousand ids without leaking them to the next test', async () => {
    const { ids } = await load();
    for (let i = 1; i < 1000; i++) ids.nextId('n');
    expect(ids.nextId('n')).toBe('n_1000');
  });
}
