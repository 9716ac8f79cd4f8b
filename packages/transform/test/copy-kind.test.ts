/**
 * The copy kind the static linker set gives `new X()` of a built-in comes from the runtime's table
 * (@vimage/runtime/builtins); test/linker-set.test.ts checks it against the runtime's on a build.
 */
import { describe, expect, it } from 'vitest';
import { transform } from '../src/index.js';

function copyOf(init: string, before = ''): string | undefined {
  const code = `import { VNET_DEFINE } from '@vimage/runtime';\n${before}export let v = VNET_DEFINE(${init});\n`;
  return transform(code, '/p/src/m.ts', { vimage: true, root: '/p' })!.meta.defines[0]?.copy;
}

describe('copy kind of `new` of a built-in', () => {
  it('copies a Float16Array deeply, as every typed array, whether or not this Node has one', () => {
    expect(copyOf('new Float16Array(4)')).toBe('deep');
    expect(copyOf('new Uint8Array(4)')).toBe('deep');
  });

  it('shares a WeakMap; leaves to the value a name the module declares, or no constructor', () => {
    expect(copyOf('new WeakMap()')).toBe('shared');
    expect(copyOf('new Float16Array(4)', 'class Float16Array {}\n')).toBe('dynamic');
    expect(copyOf('new hasOwnProperty()')).toBe('dynamic');
  });
});
