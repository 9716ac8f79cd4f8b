// Row 2: await-heavy tenant work. Each tenant runs chains of async functions with many
// awaits on resolved promises and a few on 0 ms timers, counting into a virtualized global.
import { VNET_DEFINE } from '@vimage/runtime';
export { createVnet, withVnet, curvnet, vnet0 } from '@vimage/runtime';

export let served = VNET_DEFINE(0);
export let trail = VNET_DEFINE([] as number[]);

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function leaf(i: number): Promise<number> {
  await null;
  served++;
  return i;
}

async function middle(i: number): Promise<number> {
  let sum = 0;
  for (let j = 0; j < 10; j++) sum += await leaf(i + j);
  await Promise.resolve();
  trail.push(sum);
  if (trail.length > 16) trail = trail.slice(-8);
  return sum;
}

/** Returns the tenant's count after its work: with VIMAGE on, its own vnet's count. */
export async function tenant(steps: number): Promise<number> {
  for (let i = 0; i < steps; i++) {
    await middle(i);
    if (i % 20 === 19) await tick();
  }
  return served;
}
