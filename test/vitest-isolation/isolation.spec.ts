import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import set from 'virtual:vimage/set';
import { createVnet, curvnet, vnet0, vnets, withVnet } from '@vimage/runtime';
import { Counter } from './src/counter.js';
import { closed, login, logins, owner, sessions } from './src/tenants.js';

describe('each test runs in a vnet of its own', () => {
  it('starts from the reference copies, with its SYSINIT run in it', () => {
    expect(curvnet().name).toBe('starts from the reference copies, with its SYSINIT run in it');
    expect(owner).toBe(curvnet().name);
    expect([logins, sessions.size, Counter.value]).toEqual([0, 0, 100]);
  });

  it('changes state freely', async () => {
    expect(await login('ann')).toBe('changes state freely/ann#1');
    expect(await login('bob')).toBe('changes state freely/bob#2');
    expect(Counter.add(5)).toBe(105);
    expect([logins, [...sessions.keys()]]).toEqual([2, ['ann', 'bob']]);
  });

  it('does not see what the test before it did, whose vnet was destroyed', () => {
    expect([logins, sessions.size, Counter.value]).toEqual([0, 0, 100]);
    expect(closed).toContain('changes state freely:2');
  });

  it('holds several vnets of its own, interleaved across timers and awaits', async () => {
    const tenants = ['x', 'y', 'z'].map((n) => createVnet(n));
    const results = await Promise.all(tenants.flatMap((t, i) => [withVnet(t, () => login('u', 3 - i)), withVnet(t, () => login('v', i))]));
    // Each vnet counted its own two logins, whichever of them finished first.
    for (const t of tenants) expect(results.filter((r) => r.startsWith(`${t.name}/`)).map((r) => r.slice(-1)).sort()).toEqual(['1', '2']);
    for (const t of tenants) expect(withVnet(t, () => [owner, logins, sessions.size])).toEqual([t.name, 2, 2]);
    // The test's own vnet and vnet0 stayed as they were.
    expect([logins, sessions.size]).toEqual([0, 0]);
    expect(vnet0.get('src/tenants.ts#logins')).toBe(0);
    for (const t of tenants) t.destroy();
  });
});

describe.concurrent('concurrent tests, each in its vnet', () => {
  for (const [name, delay] of [['slow', 6], ['medium', 3], ['fast', 0]] as const) {
    it(`${name} keeps its own count while the others run`, async () => {
      for (let i = 0; i < 3; i++) await login(`${name}${i}`, delay);
      expect([owner, logins, sessions.size]).toEqual([`${name} keeps its own count while the others run`, 3, 3]);
      expect(vnets().length).toBeGreaterThan(1);
    });
  }
});

describe('hooks and failures', () => {
  let seenAfter: unknown[] = [];
  beforeEach(async () => {
    // Runs in the test's vnet: its state is the test's, not vnet0's.
    await login('hook');
  });
  afterEach((context) => {
    seenAfter.push([context.task.name, curvnet().name, logins]);
  });

  it('sees what its beforeEach did, in its own vnet', () => {
    expect([owner, logins, [...sessions.keys()]]).toEqual(['sees what its beforeEach did, in its own vnet', 1, ['hook']]);
  });

  it.fails('throws after changing state (expected to fail)', async () => {
    await login('doomed');
    throw new Error(`failed with ${logins} logins`);
  });

  it('starts clean after a test that threw, whose vnet was destroyed all the same', () => {
    expect([logins, [...sessions.keys()]]).toEqual([1, ['hook']]);
    expect(closed).toContain('throws after changing state (expected to fail):2');
    expect(vnets().map((v) => v.name)).not.toContain('throws after changing state (expected to fail)');
    // The afterEach hooks of the tests before ran in those tests' vnets.
    expect(seenAfter).toEqual([
      ['sees what its beforeEach did, in its own vnet', 'sees what its beforeEach did, in its own vnet', 1],
      ['throws after changing state (expected to fail)', 'throws after changing state (expected to fail)', 2],
    ]);
    seenAfter = [];
  });
});

describe('virtual:vimage/set under vitest', () => {
  it('lists the globals of the modules under the root, read from the sources', () => {
    expect(set.map((r) => r.symbol)).toEqual(['src/counter.ts#Counter.value', 'src/tenants.ts#sessions', 'src/tenants.ts#logins', 'src/tenants.ts#owner']);
  });
});
