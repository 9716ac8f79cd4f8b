import webpack from 'webpack';
import vimage from '@vimage/plugin/webpack';

// vimage's loader runs before the configured ones (enforce 'pre'); esbuild-loader strips the
// types (ts-loader needs TypeScript's JavaScript API, which TypeScript 7 no longer has).
const stats = await new Promise((resolve, reject) =>
  webpack(
    {
      mode: 'development',
      devtool: false,
      target: 'node',
      entry: './src/main.ts',
      output: { path: `${import.meta.dirname}/dist/webpack`, filename: 'main.cjs' },
      resolve: { extensions: ['.ts', '.js'] },
      module: {
        rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2022' } }],
      },
      plugins: [vimage({ vimage: process.env.VIMAGE === '1' })],
    },
    (error, result) => (error ? reject(error) : resolve(result)),
  ),
);
if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
