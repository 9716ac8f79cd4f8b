import { transform } from 'esbuild';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * vite 8 strips TypeScript with oxc, which does not lower decorators; the runtime's tests use
 * `@vnet` with no vimage plugin, as unbuilt user code does. esbuild, which lowers them, strips
 * the types of the test files instead.
 */
const typescript: Plugin = {
  name: 'typescript-with-decorators',
  async transform(code, id) {
    if (!/\.[cm]?tsx?$/.test(id.split('?')[0]!)) return null;
    const loader = id.includes('.tsx') ? 'tsx' : 'ts';
    const r = await transform(code, { loader, sourcemap: true, sourcefile: id, target: 'es2022' });
    return { code: r.code, map: r.map };
  },
};

export default defineConfig({
  oxc: false,
  plugins: [typescript],
  test: {
    include: [
      'runtime/test/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'plugin/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // jest's own test files (run by test/jest-helper.test.ts) and the copies builds write.
    exclude: ['**/node_modules/**', 'test/jest-helper/**', 'test/.out/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
