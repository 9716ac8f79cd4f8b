// TypeScript, loaded with require() wherever vimage loads it (`@vimage/transform/typescript`).
// Imported from an ES module, Node first scans a CommonJS file for its named exports: all 9 MB
// of typescript.js, which doubled the time to load an adapter (BENCHMARKS.md, row 8). Imported
// from ES modules, this small file is what Node scans. `export =` keeps TypeScript's types.
import ts = require('typescript');
export = ts;
