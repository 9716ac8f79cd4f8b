// The usual TypeScript stripping step that comes after vimage in a webpack config (a webpack
// loader: CommonJS, so webpack loads it in every version).
const { transform } = require('esbuild');

module.exports = function stripTypes(code) {
  const done = this.async();
  const loader = this.resourcePath.endsWith('x') ? 'tsx' : 'ts';
  transform(code, { loader, format: 'esm', sourcefile: this.resourcePath, target: 'es2022' }).then((r) => done(null, r.code), done);
};
