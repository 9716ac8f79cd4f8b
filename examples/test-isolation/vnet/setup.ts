import { aroundEach } from 'vitest';
import { createVnet, withVnet } from '@vimage/runtime';

/** Every test runs in a fresh vnet: a copy of the reference copies, with the SYSINITs run in it. */
aroundEach(async (runTest, context) => {
  const vnet = createVnet(context.task.name);
  try {
    await withVnet(vnet, runTest);
  } finally {
    vnet.destroy();
  }
});
