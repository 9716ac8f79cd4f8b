import { expect, it } from 'vitest';
import { runs, type Load } from './modules.js';

export function flagCases(load: Load): void {
  it('has the defaults its SYSINIT set', async () => {
    const { flags } = await load();
    expect(flags.listFlags()).toEqual(['new-checkout', 'dark-mode']);
    expect([flags.isOn('new-checkout'), flags.isOn('dark-mode')]).toEqual([false, true]);
  });

  it('flips a flag and adds one', async () => {
    const { flags } = await load();
    flags.setFlag('new-checkout', true);
    flags.setFlag('beta-search', true);
    expect(flags.listFlags()).toEqual(['new-checkout', 'dark-mode', 'beta-search']);
  });

  it.each(runs)('run %i: sees the defaults, not the flips of earlier tests', async () => {
    const { flags } = await load();
    expect(flags.isOn('new-checkout')).toBe(false);
    expect(() => flags.isOn('beta-search')).toThrow('unknown flag');
    flags.setFlag('dark-mode', false);
  });
}
