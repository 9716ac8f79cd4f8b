import { describe, expect, it } from 'vitest';
import { __vimage, linkerSet, MixedBuildError } from '../src/index.js';
import { defineModule, uniqueModule, vnetsPerTest } from './helpers/checked.js';

// The invariants are checked after each test.
vnetsPerTest();

describe('the mixed-build check', () => {
  it('fails at load when a VIMAGE-on module references a global of a VIMAGE-off module', () => {
    const tcp = uniqueModule('src/net/tcp');
    __vimage.register(tcp, false, ['tcp_sendspace'], []);
    const app = uniqueModule('src/app');
    let error: MixedBuildError | undefined;
    try {
      __vimage.register(app, true, [], [`${tcp}#tcp_sendspace`]);
    } catch (e) {
      error = e as MixedBuildError;
    }
    expect(error).toBeInstanceOf(MixedBuildError);
    expect(error?.code).toBe('VIMAGE_MIXED_BUILD');
    expect(error?.message).toContain(
      `${app} (built with VIMAGE on) references ${tcp}#tcp_sendspace, but ${tcp} was built with VIMAGE off`,
    );
    expect(error?.message).toContain(`Rebuild ${tcp} with VIMAGE on, or ${app} with VIMAGE off`);
  });

  it('also in the reverse order (the referencing module evaluated first, as in a cycle)', () => {
    const tcp = uniqueModule('src/net/tcp');
    const app = uniqueModule('src/app');
    __vimage.register(app, false, [], [`${tcp}#tcp_sendspace`]);
    expect(() => __vimage.register(tcp, true, ['tcp_sendspace'], [])).toThrow(
      new RegExp(
        `${app} \\(built with VIMAGE off\\) references ${tcp}#tcp_sendspace, but ${tcp} was built with VIMAGE on`,
      ),
    );
  });

  it('accepts modules built in the same mode', () => {
    const tcp = uniqueModule('src/net/tcp');
    __vimage.register(tcp, false, ['x'], []);
    expect(__vimage.register(uniqueModule('src/app'), false, [], [`${tcp}#x`])).toEqual([]);
  });
});

describe('re-registration of one module (a dev server re-running it)', () => {
  it('keeps its slots and does not grow the set', () => {
    const mod = uniqueModule('src/hot');
    const first = defineModule(mod, { a: 1, b: 2 });
    const before = linkerSet().length;
    const second = defineModule(mod, { a: 10, b: 20 });
    expect(second.slots).toEqual(first.slots);
    expect(linkerSet().length).toBe(before);
    expect(second.read('a')).toBe(10);
  });
});
