import { curvnet } from '@vimage/runtime';
import { hit } from './counter';

// Running at once, interleaved across timers: each still counts in its own vnet.
test.concurrent.each([1, 2, 3])('concurrent %i', async (i) => {
  expect(hit()).toBe(1);
  await new Promise((r) => setTimeout(r, 10 * (4 - i)));
  expect(hit()).toBe(2);
  expect(curvnet().name).toBe(`concurrent ${i}`);
});
