import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

export const root = fileURLToPath(new URL('.', import.meta.url));

/** What the three suites share: the same 24 test files over the same modules. */
export const shared = {
  root,
  test: {
    include: ['tests/*.spec.ts'],
    // In this repository @vimage/runtime is a workspace link, which vitest would inline (a copy
    // per module graph); installed from npm it is under node_modules and external, as here.
    server: { deps: { external: [/[\\/]runtime[\\/]dist[\\/]/] } },
  },
} satisfies ViteUserConfig;
