import { aroundEach } from 'vitest';
import { createVnet, withVnet } from '@vimage/runtime';

/** Every test runs in a fresh vnet named after it, destroyed (SYSUNINITs run) when it ends. */
aroundEach(async (runTest, context) => {
  const vnet = createVnet(context.task.name);
  try {
    await withVnet(vnet, runTest);
  } finally {
    vnet.destroy();
  }
});
