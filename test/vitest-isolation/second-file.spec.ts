import { expect, it } from 'vitest';
import { curvnet, vnet0 } from '@vimage/runtime';
import { Counter } from './src/counter.js';
import { login, logins, owner, sessions } from './src/tenants.js';

/**
 * Runs after isolation.spec.ts in the same worker with module isolation off: the modules are
 * the ones that file used, already evaluated, so only the vnets keep its state away.
 */
it('a test of another file starts from the reference copies too', async () => {
  expect([owner, logins, sessions.size, Counter.value]).toEqual([curvnet().name, 0, 0, 100]);
  expect(await login('eve')).toBe(`${curvnet().name}/eve#1`);
});

it('and vnet0 never held any test state', () => {
  expect(vnet0.get('src/tenants.ts#logins')).toBe(0);
  expect(vnet0.get('src/counter.ts#Counter.value')).toBe(100);
});
