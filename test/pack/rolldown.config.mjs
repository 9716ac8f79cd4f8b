import vimage from '@vimage/plugin/rolldown';

// rolldown strips TypeScript itself, after the plugins.
export default {
  input: 'src/main.ts',
  platform: 'node',
  output: { file: 'dist/rolldown/main.mjs', format: 'es' },
  plugins: [vimage({ vimage: process.env.VIMAGE === '1' })],
};
