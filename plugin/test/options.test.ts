import { describe, expect, it } from 'vitest';
import { TransformError, transform } from '@vimage/transform';
import vimageRollup from '../src/rollup.js';
import vimageEsbuild from '../src/esbuild.js';

/** The error a call throws: a TransformError with the code, naming what the message must name. */
function refused(make: () => unknown): TransformError {
  let error: unknown;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(TransformError);
  return error as TransformError;
}

describe('plugin options of the wrong shape are VIMAGE_BAD_OPTION, naming the option', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['null', null, /options must be an object, got null/],
    ['a string', 'vimage', /options must be an object, got string "vimage"/],
    ['an array', [true], /options must be an object, got an array/],
    [
      'include: 5',
      { include: 5 },
      /option "include" must be a glob, a RegExp or an array of them, got 5/,
    ],
    ['exclude: [1]', { exclude: ['a', 1] }, /option "exclude" must be a glob/],
    [
      'virtualize.include: {}',
      { virtualize: { include: {} } },
      /option "virtualize.include" must be a glob/,
    ],
  ];
  for (const [what, options, message] of cases) {
    it(`${what}, in every adapter`, () => {
      for (const make of [vimageRollup, vimageEsbuild] as Array<(o: unknown) => unknown>) {
        const e = refused(() => make(options));
        expect(e.code).toBe('VIMAGE_BAD_OPTION');
        expect(e.message).toMatch(message);
        expect(e.message).toMatch(/^@vimage\/plugin\/\w+: /);
      }
    });
  }

  it('the core refuses the same shapes with the same rule', () => {
    expect(refused(() => transform('', '/p/a.ts', null as never)).message).toMatch(
      /^vimage: options must be an object, got null/,
    );
    expect(refused(() => transform('', '/p/a.ts', { include: 5 } as never)).code).toBe(
      'VIMAGE_BAD_OPTION',
    );
  });

  it('no options at all, and include as a glob, an array or a RegExp, are fine', () => {
    for (const options of [
      undefined,
      {},
      { include: '**/*.ts' },
      { include: [/\.ts$/, 'a/**'], exclude: null },
    ]) {
      expect(() => vimageRollup(options as never)).not.toThrow();
    }
  });
});
