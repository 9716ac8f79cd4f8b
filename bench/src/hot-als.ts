// Row 1 peer: the same state kept per context by hand, AsyncLocalStorage.getStore() per access.
import { AsyncLocalStorage } from 'node:async_hooks';

export const als = new AsyncLocalStorage<{ counter: number }>();

function step(i: number): void {
  const s = als.getStore()!;
  s.counter = (s.counter + (i & 7)) | 0;
}

export function hot(iterations: number): number {
  for (let i = 0; i < iterations; i++) {
    const s = als.getStore()!;
    s.counter = ((s.counter ^ i) + 1) | 0;
    step(i);
  }
  return als.getStore()!.counter;
}
