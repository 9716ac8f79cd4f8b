import vimage from '@vimage/plugin/vite';

export default {
  plugins: [vimage({ vimage: process.env.VIMAGE === '1' })],
  ssr: { noExternal: true },
  build: {
    ssr: 'src/main.ts',
    outDir: 'dist/vite',
    rollupOptions: { output: { entryFileNames: 'main.mjs' } },
  },
};
