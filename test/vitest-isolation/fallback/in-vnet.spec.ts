import { expect, it } from 'vitest';
import { curvnet } from '@vimage/runtime';
import { inVnet } from '../../../runtime/dist/test-vnet.js';
import { login, logins, owner, sessions } from '../src/tenants.js';

/** The fallback for vitest without aroundEach: each test function wrapped with inVnet. */
it('runs a wrapped test in a fresh vnet', inVnet(async () => {
  expect(owner).toBe('runs a wrapped test in a fresh vnet');
  expect(await login('ann', 2)).toBe('runs a wrapped test in a fresh vnet/ann#1');
}));

it('gives the next wrapped test a fresh one as well', inVnet(async () => {
  expect([owner, logins, sessions.size]).toEqual([curvnet().name, 0, 0]);
  await login('bob');
  expect(logins).toBe(1);
}));

it('fails a test that is not wrapped, instead of running it in vnet0', () => {
  expect(curvnet().name).toBe('vnet0');
});
