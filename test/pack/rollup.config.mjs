import vimage from '@vimage/plugin/rollup';
import esbuild from 'rollup-plugin-esbuild';

// vimage first, then a TypeScript step that works in the transform hook.
export default {
  input: 'src/main.ts',
  output: { file: 'dist/rollup/main.mjs', format: 'es' },
  plugins: [vimage({ vimage: process.env.VIMAGE === '1' }), esbuild({ target: 'es2022' })],
};
