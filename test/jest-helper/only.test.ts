import { hit } from './counter';

beforeAll(() => {
  hit();
});

test('not run', () => {
  throw new Error('test.only leaves this test out');
});

test.only('only: a fresh vnet too', () => {
  expect(hit()).toBe(1);
});
