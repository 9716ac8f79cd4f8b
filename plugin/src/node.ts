import { createRequire, register as registerHooks } from 'node:module';
import type * as Transform from '@vimage/transform';
import type { VimagePluginOptions } from './core/options.js';

export type { VimagePluginOptions } from './core/options.js';

/** The options this thread's hooks were registered with, as `describe` writes them. */
const REGISTERED = Symbol.for('vimage.node.hooks');
type Registry = { [REGISTERED]?: string };

/**
 * `@vimage/plugin/node`: Node's module customization hooks (`module.register`, Node 20.6+),
 * whose `load` hook runs vimage's transform on the ES modules the options select (a library
 * in node_modules through `virtualize`), so that it stays with Node's own loader and is still
 * virtualized. The options are validated in the hooks thread as every adapter validates them,
 * and a bad one throws here. Registering again in the same thread with the same options does
 * nothing (vitest runs setup files again for every test file with `isolate: false`) and returns
 * false; with other options it throws. Turns on source maps for stacks
 * (`process.setSourceMapsEnabled`): the transformed modules carry theirs inline.
 */
export function register(options?: VimagePluginOptions): boolean {
  const registry = globalThis as Registry;
  const now = describe(options);
  const before = registry[REGISTERED];
  if (before === now) return false;
  if (before !== undefined) {
    // Loaded on this path only: the transform (and TypeScript) stay in the hooks thread.
    const { TransformError, errors } = load('@vimage/transform') as typeof Transform;
    throw new TransformError(errors.nodeHooksRegistered(before, now));
  }
  registerHooks(new URL('./node/hooks.js', import.meta.url), { data: { options } });
  registry[REGISTERED] = now;
  if (!process.sourceMapsEnabled) process.setSourceMapsEnabled(true);
  return true;
}

const load = createRequire(import.meta.url);

function describe(options: VimagePluginOptions | undefined): string {
  return JSON.stringify(options ?? {}, (_, v: unknown) => (v instanceof RegExp ? String(v) : v));
}
