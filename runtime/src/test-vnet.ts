import { withVnet } from './curvnet.js';
import { TestNotInVnetError } from './errors.js';
import { createVnet } from './vnet.js';

/** What a test runner hands a hook or a test function: enough to name the vnet after the test. */
export interface TestContextLike {
  task: { name: string };
}

type AroundEach = (runTest: () => Promise<void>, context: TestContextLike) => Promise<void>;

/** The runner's hooks that `vnetPerTest` registers with (vitest's, or a runner shaped like it). */
export interface TestHooks {
  aroundEach?: (fn: AroundEach) => void;
  afterEach: (fn: (context: TestContextLike) => void) => void;
}

/** Tasks running in a vnet of ours: a second registration (setup file and import) nests none. */
const inside = new WeakSet<object>();
/** Tasks whose function inVnet wrapped, until the afterEach check of `vnetPerTest` reads them. */
const ran = new WeakSet<object>();

/**
 * Runs `run` in a fresh vnet named `name`: a copy of the reference copies with the SYSINITs
 * run in it, entered for `run` and every continuation it starts, destroyed (SYSUNINITs run)
 * once `run`'s promise settles, also when it rejects.
 */
async function inFreshVnet<R>(name: string, task: object, run: () => R | Promise<R>): Promise<R> {
  const vnet = createVnet(name);
  inside.add(task);
  try {
    return await withVnet(vnet, run);
  } finally {
    inside.delete(task);
    vnet.destroy();
  }
}

/**
 * A test function that runs in a fresh vnet of its own: `it('name', inVnet(async () => ...))`.
 * It works in every runner; the runner's beforeEach/afterEach hooks stay outside the vnet.
 * It is the fallback for vitest before 4.1, which has no `aroundEach`.
 */
export function inVnet<C extends TestContextLike, R>(
  fn: (context: C) => R | Promise<R>,
): (context: C) => Promise<R> {
  return async (context) => {
    ran.add(context.task);
    if (inside.has(context.task)) return fn(context);
    return inFreshVnet(context.task.name, context.task, () => fn(context));
  };
}

/**
 * Gives every test under the current suite a fresh vnet. With `aroundEach` (vitest 4.1+) the
 * vnet wraps the test's beforeEach hooks, its body and every continuation of it, and its
 * afterEach hooks. Without it, each test must be wrapped with `inVnet`, and an afterEach hook
 * fails a test that was not, rather than let it run in vnet0 and share its state.
 */
export function vnetPerTest(hooks: TestHooks): void {
  if (typeof hooks.aroundEach === 'function') {
    hooks.aroundEach(async (runTest, context) => {
      if (inside.has(context.task)) return runTest();
      await inFreshVnet(context.task.name, context.task, runTest);
    });
    return;
  }
  hooks.afterEach((context) => {
    if (ran.delete(context.task)) return;
    throw new TestNotInVnetError(
      `test "${context.task.name}" ran outside a vnet: this version of the test runner has no ` +
        'aroundEach (vitest added it in 4.1), so wrap the test function: it(name, inVnet(fn)) ' +
        "with inVnet from '@vimage/runtime/vitest', or upgrade vitest to 4.1 or later.",
    );
  });
}
