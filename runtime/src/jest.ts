import { createVnet, JestRunnerError, VnetInUseError, withVnet, type Vnet } from './index.js';

/**
 * `@vimage/runtime/jest`, for `setupFilesAfterEnv`: every test runs in a vnet of its own, made
 * before its beforeEach hooks and destroyed after its afterEach hooks. Its body and those hooks
 * run inside `withVnet`, so every continuation (after await, timers, a `done` callback's
 * caller) stays in it. It listens to jest-circus (jest's runner since jest 27), whose events
 * name the test about to run; wrapping the test function there covers every way a test is
 * declared (test.each, test.only, test.concurrent, nested describe blocks) with the function
 * jest calls. beforeAll and afterAll hooks run in vnet0, as the file's top-level code does.
 */

type Fn = (this: unknown, ...args: unknown[]) => unknown;
interface Block {
  name: string;
  parent?: Block;
}
interface CircusTest {
  name: string;
  fn: Fn;
  parent: Block;
  errors: unknown[];
}
interface CircusHook {
  type: 'beforeAll' | 'beforeEach' | 'afterEach' | 'afterAll';
  fn: Fn;
}
type CircusEvent =
  | { name: 'test_start' | 'test_done'; test: CircusTest }
  | { name: 'hook_start'; hook: CircusHook }
  | { name: 'teardown' };
interface CircusState {
  currentlyRunningTest: CircusTest | null;
}
type Handler = (event: CircusEvent, state: CircusState) => void;

// jest-circus keeps its event handlers in the test file's global under this registered symbol.
const HANDLERS = Symbol.for('EVENT_HANDLERS');

const handlers = (globalThis as { [HANDLERS]?: Handler[] })[HANDLERS];
if (!Array.isArray(handlers)) {
  throw new JestRunnerError(
    "@vimage/runtime/jest needs jest-circus, jest's default test runner since jest 27: this " +
      'file was not loaded by it. Load it from `setupFilesAfterEnv` and keep the default ' +
      '`testRunner`.',
  );
}

/** Each running test's vnet; the original functions, so a retried test is not wrapped twice. */
const vnetOf = new WeakMap<CircusTest, Vnet>();
const original = new WeakMap<object, Fn>();
/** Vnets still in use when their test ended (a test that timed out): destroyed at teardown. */
const lingering = new Set<Vnet>();

/** `fn` run in `v`, with the same `length`: jest reads it to tell a `done` test from others. */
function inVnet(owner: { fn: Fn }, v: Vnet): void {
  const fn = original.get(owner) ?? owner.fn;
  original.set(owner, fn);
  const wrapped = function (this: unknown, ...args: unknown[]) {
    return withVnet(v, () => fn.apply(this, args));
  };
  owner.fn = Object.defineProperty(wrapped, 'length', { value: fn.length });
}

function fullName(test: CircusTest): string {
  const names = [test.name];
  for (let b: Block | undefined = test.parent; b?.parent; b = b.parent) names.unshift(b.name);
  return names.join(' ');
}

function destroy(v: Vnet, test: CircusTest): void {
  try {
    v.destroy();
  } catch (error) {
    if (error instanceof VnetInUseError) lingering.add(v);
    // A VNET_SYSUNINIT handler threw: the test fails with its error.
    else test.errors.push(error);
  }
}

// First in line: the vnet exists before any other handler sees the test start, and is destroyed
// (its errors recorded on the test) before jest reports the test as done.
handlers.unshift((event, state) => {
  switch (event.name) {
    case 'test_start': {
      const v = createVnet(fullName(event.test));
      vnetOf.set(event.test, v);
      inVnet(event.test, v);
      break;
    }
    case 'hook_start': {
      const test = state.currentlyRunningTest;
      const v = test && vnetOf.get(test);
      const each = event.hook.type === 'beforeEach' || event.hook.type === 'afterEach';
      if (v && each) inVnet(event.hook, v);
      break;
    }
    case 'test_done': {
      const v = vnetOf.get(event.test);
      vnetOf.delete(event.test);
      if (v) destroy(v, event.test);
      break;
    }
    case 'teardown':
      // Still in use at the end of the file: left to the process's exit.
      for (const v of lingering) destroy(v, { errors: [] } as unknown as CircusTest);
      lingering.clear();
      break;
  }
});
