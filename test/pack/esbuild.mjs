import * as esbuild from 'esbuild';
import vimage from '@vimage/plugin/esbuild';

await esbuild.build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: 'dist/esbuild/main.mjs',
  plugins: [vimage({ vimage: process.env.VIMAGE === '1' })],
});
