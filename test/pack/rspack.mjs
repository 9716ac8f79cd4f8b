import { rspack } from '@rspack/core';
import vimage from '@vimage/plugin/rspack';

const stats = await new Promise((resolve, reject) =>
  rspack(
    {
      mode: 'development',
      devtool: false,
      target: 'node',
      entry: './src/main.ts',
      output: { path: `${import.meta.dirname}/dist/rspack`, filename: 'main.cjs' },
      resolve: { extensions: ['.ts', '.js'] },
      module: {
        rules: [
          {
            test: /\.ts$/,
            loader: 'builtin:swc-loader',
            options: { jsc: { parser: { syntax: 'typescript' } } },
          },
        ],
      },
      plugins: [vimage({ vimage: process.env.VIMAGE === '1' })],
    },
    (error, result) => (error ? reject(error) : resolve(result)),
  ),
);
if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
