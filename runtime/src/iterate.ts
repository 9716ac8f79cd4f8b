import { state, switchTo } from './state.js';
import type { Vnet } from './vnet.js';

type AnyIterator = Iterator<unknown> | AsyncIterator<unknown>;

/**
 * The iterable of a compiled `for await` loop. The loop gives its vnet back before each
 * implicit await, but the iterator's own code (an async generator's body, which starts on
 * the first next()) must run in the loop's vnet: each call into the iterator switches to it.
 */
export function iterateIn(iterable: unknown, v: Vnet): AsyncIterable<unknown> {
  const source = iterable as { [Symbol.asyncIterator]?: () => AsyncIterator<unknown>; [Symbol.iterator]?: () => Iterator<unknown> };
  const call = <R>(fn: () => R): R => {
    const prev = state.cur;
    if (prev !== v) switchTo(v);
    try {
      return fn();
    } finally {
      if (prev !== v) switchTo(prev);
    }
  };
  return {
    [Symbol.asyncIterator]() {
      const isAsync = typeof source?.[Symbol.asyncIterator] === 'function';
      const inner: AnyIterator = call(() => (isAsync ? source[Symbol.asyncIterator]!() : source[Symbol.iterator]!()));
      // A sync iterator's values are awaited, as CreateAsyncFromSyncIterator does.
      const settle = (r: IteratorResult<unknown> | Promise<IteratorResult<unknown>>) =>
        isAsync ? r : Promise.resolve((r as IteratorResult<unknown>).value).then((value) => ({ value, done: (r as IteratorResult<unknown>).done }));
      return {
        next: (...args: [] | [unknown]) => call(() => settle(inner.next(...args))),
        return: (value?: unknown) => call(() => (inner.return ? settle(inner.return(value)) : Promise.resolve({ value, done: true }))),
        throw: (error?: unknown) =>
          call(() => {
            if (inner.throw) return settle(inner.throw(error));
            throw error;
          }),
      } as AsyncIterator<unknown>;
    },
  };
}
