import { describe, expect, it } from 'vitest';
import { __vimage, createVnet, VimageOffError } from '../src/index.js';

describe('a program built with VIMAGE off', () => {
  it('registers without slots, and createVnet names the modules built off', () => {
    expect(__vimage.register('src/net/tcp.ts', false, ['tcp_sendspace'], [])).toEqual([]);
    expect(__vimage.register('src/app.ts', false, [], ['src/net/tcp.ts#tcp_sendspace'])).toEqual(
      [],
    );
    expect(() => createVnet()).toThrow(VimageOffError);
    expect(() => createVnet()).toThrow(/src\/net\/tcp\.ts, src\/app\.ts built with VIMAGE off/);
  });
});
