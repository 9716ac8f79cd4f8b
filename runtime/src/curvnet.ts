import { VimageArgumentError, VnetDestroyedError } from './errors.js';
import { state, VNET_BRAND } from './state.js';
import { noteNesting, debugEnabled } from './debug.js';
import { enter, resync } from './async-context.js';
import type { Vnet } from './vnet.js';

/**
 * The current vnet (FreeBSD's curvnet): the one the running code, or its continuation, belongs to.
 */
export function curvnet(): Vnet {
  return resync();
}

/**
 * Runs `fn` with curvnet `v` and restores the previous vnet afterwards, also when `fn`
 * throws (CURVNET_SET / CURVNET_RESTORE as one call). If `fn` returns a promise, `v` stays
 * in use until it settles, and the continuations `fn` starts keep seeing `v` (async-context.ts).
 */
export function withVnet<R>(v: Vnet, fn: () => R): R {
  if (!isVnet(v))
    throw new VimageArgumentError(
      `withVnet(v, fn): v must be a vnet (from createVnet() or vnet0), got ${describe(v)}.`,
    );
  if (typeof fn !== 'function')
    throw new VimageArgumentError(`withVnet(v, fn): fn must be a function, got ${describe(fn)}.`);
  if (v.status !== 'live') throw new VnetDestroyedError(v.name, 'enter it with withVnet()');
  const prev = resync();
  if (debugEnabled() && prev !== v && prev !== state.vnet0) noteNesting(prev, v, withVnet);
  v.busy++;
  let result: R;
  try {
    result = enter(v, fn);
  } catch (error) {
    v.busy--;
    throw error;
  }
  if (isThenable(result)) {
    const release = () => {
      v.busy--;
    };
    result.then(release, release);
  } else {
    v.busy--;
  }
  return result;
}

/**
 * @internal Runs `fn` in `v` for the runtime's own work (sysinit, sysuninit), with no use count.
 */
export function runIn<R>(v: Vnet, fn: () => R): R {
  resync();
  return enter(v, fn);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function describe(value: unknown): string {
  return value === null
    ? 'null'
    : typeof value === 'object'
      ? `an object (${Object.prototype.toString.call(value)})`
      : typeof value;
}

function isVnet(value: unknown): value is Vnet {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [VNET_BRAND]?: unknown })[VNET_BRAND] === true
  );
}
