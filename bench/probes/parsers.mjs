// Row 5 evidence: how fast the parsers a transform could build on read row 5's corpora on this
// Node, against TypeScript's createSourceFile (CPU time, alternated, medians). The others are not
// dependencies of vimage; install them for the run:
//   npm i --no-save oxc-parser @swc/core @babel/parser && node --expose-gc bench/probes/parsers.mjs
// Missing ones are skipped. rollup's parseAst reads JavaScript only: it runs on the real corpus,
// with TypeScript's parser for its .ts files.
import { createRequire } from 'node:module';
import ts from 'typescript';
import { generatedCorpus, megabytes, realCorpus } from '../gen/corpus.mjs';
import { cpuTime, median } from '../harness.mjs';

const require = createRequire(import.meta.url);
const optional = async (name) =>
  import(name).catch(() => console.log(`${name}: not installed, skipped`));
const oxc = await optional('oxc-parser');
const swc = await optional('@swc/core');
const babel = await optional('@babel/parser');
const { parseAst } = require('rollup/parseAst');
const isTs = (f) => f.file.endsWith('.ts');

for (const [name, corpus, reps] of [
  ['real', realCorpus(false), 1],
  ['generated', generatedCorpus(false), 5],
]) {
  let pass = 0;
  const fresh = () =>
    Array.from({ length: reps }, () =>
      corpus.map((f) => ({ ...f, code: `${f.code}\n// pass ${++pass}` })),
    );
  const sides = {
    typescript: (f) =>
      ts.createSourceFile(f.file, f.code, ts.ScriptTarget.Latest).statements.length,
  };
  if (oxc) sides['oxc-parser'] = (f) => oxc.parseSync(f.file, f.code).program.body.length;
  if (swc)
    sides['@swc/core'] = (f) =>
      swc.parseSync(f.code, { syntax: isTs(f) ? 'typescript' : 'ecmascript', decorators: true })
        .body.length;
  if (babel)
    sides['@babel/parser'] = (f) =>
      babel.parse(f.code, {
        sourceType: 'module',
        plugins: isTs(f) ? ['typescript', 'decorators'] : [],
      }).program.body.length;
  if (name === 'real')
    sides["rollup's parseAst"] = (f) =>
      isTs(f) ? sides.typescript(f) : parseAst(f.code).body.length;
  const times = Object.fromEntries(Object.keys(sides).map((k) => [k, []]));
  for (let r = 0; r < 6; r++) {
    for (const k of r % 2 ? Object.keys(sides).reverse() : Object.keys(sides)) {
      const runs = fresh();
      globalThis.gc?.();
      times[k].push(await cpuTime(() => runs.forEach((files) => files.forEach(sides[k]))));
    }
  }
  const mbs = (k) => (megabytes(corpus) * reps) / (median(times[k].slice(1)) / 1000);
  console.log(
    `${name} corpus: ${Object.keys(sides)
      .map((k) => `${k} ${mbs(k).toFixed(1)} MB/s (${(mbs(k) / mbs('typescript')).toFixed(2)}×)`)
      .join(', ')}`,
  );
}
