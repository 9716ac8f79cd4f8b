import { curvnet, vnet0 } from '@vimage/runtime';
import { destroyed, hit, hits } from './counter';

// Each test below fails if it meets another test's state: hit() must count from 0 in each.
const late: string[] = [];

beforeAll(() => {
  // vnet0, as the file's top-level code: new vnets copy the reference copy, not this value.
  hit();
});

test('first', () => {
  expect(curvnet()).not.toBe(vnet0);
  expect(hit()).toBe(1);
});

test('second', () => {
  expect(hit()).toBe(1);
});

test.each([1, 2, 3])('each %i', (n) => {
  expect(hit()).toBe(1);
  expect(n).toBeGreaterThan(0);
});

describe('outer', () => {
  beforeEach(() => {
    hit();
  });
  describe('inner', () => {
    beforeEach(() => {
      hit();
    });
    afterEach(() => {
      expect(hits).toBe(3);
    });
    test('hooks run in the test vnet', () => {
      expect(hit()).toBe(3);
    });
  });
});

test('async: continuations after await and timers stay in the vnet', async () => {
  const me = curvnet();
  expect(hit()).toBe(1);
  await new Promise((r) => setTimeout(r, 5));
  expect(curvnet()).toBe(me);
  expect(hit()).toBe(2);
});

test('done callback: its timer runs in the vnet', (done) => {
  expect(hit()).toBe(1);
  setTimeout(() => {
    try {
      expect(hit()).toBe(2);
      done();
    } catch (e) {
      done(e);
    }
  }, 5);
});

test('a timer left behind', () => {
  hit();
  setTimeout(() => {
    try {
      hit();
      late.push('ran');
    } catch (e) {
      late.push((e as { code: string }).code);
    }
  }, 20);
});

test('meets the destroyed vnet, not this one', async () => {
  await new Promise((r) => setTimeout(r, 60));
  expect(late).toEqual(['VIMAGE_VNET_DESTROYED']);
  expect(hit()).toBe(1);
});

afterAll(() => {
  // Every test's vnet was destroyed after it, in order.
  expect(destroyed).toEqual([
    'first',
    'second',
    'each 1',
    'each 2',
    'each 3',
    'outer inner hooks run in the test vnet',
    'async: continuations after await and timers stay in the vnet',
    'done callback: its timer runs in the vnet',
    'a timer left behind',
    'meets the destroyed vnet, not this one',
  ]);
  expect(hits).toBe(1);
});
