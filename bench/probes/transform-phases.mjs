// Row 5 evidence: where transform() spends its time compared with the bare parser, on the
// row's corpora. Usage: node --expose-gc bench/probes/transform-phases.mjs [real|gen]
import path from 'node:path';
import ts from 'typescript';
import { exportsOf, transform } from '@vimage/transform';
import { generatedCorpus, realCorpus } from '../gen/corpus.mjs';
import { cpuTime, median } from '../harness.mjs';

const which = process.argv[2] ?? 'real';
const gen = generatedCorpus(false);
const root = path.dirname(gen[0].file);
const exportsByFile = new Map(gen.map((f) => [f.file, exportsOf(f.code, f.file, { root })]));
const resolver = (s, imp) => exportsByFile.get(path.resolve(path.dirname(imp), s.replace(/\.js$/, '.ts'))) ?? null;
const corpus = which === 'gen' ? gen : realCorpus(false).map((f) => ({ ...f, code: `import { VNET_DEFINE } from '@vimage/runtime';\n${f.code}` }));
const opts = which === 'gen' ? { root, resolver } : { root: '/' };
const kind = (f) => (f.file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);

let pass = 0; // a fresh string per pass, so transform's analysis cache never hits
const each = (fn) => () => {
  const files = corpus.map((f) => ({ ...f, code: `${f.code}\n// pass ${++pass}` }));
  globalThis.gc?.();
  return cpuTime(() => files.forEach(fn));
};
const phases = {
  'createSourceFile': each((f) => ts.createSourceFile(f.file, f.code, ts.ScriptTarget.Latest)),
  'createSourceFile, setParentNodes': each((f) => ts.createSourceFile(f.file, f.code, ts.ScriptTarget.Latest, true, kind(f))),
  'ts.preProcessFile': each((f) => ts.preProcessFile(f.code, true, false)),
  'transform, VIMAGE on': each((f) => transform(f.code, f.file, { vimage: true, ...opts })),
  'transform, VIMAGE on, no source map': each((f) => transform(f.code, f.file, { vimage: true, sourceMap: false, ...opts })),
  "transform, VIMAGE on, asyncContext 'hooks'": each((f) => transform(f.code, f.file, { vimage: true, asyncContext: 'hooks', ...opts })),
};
const times = Object.fromEntries(Object.keys(phases).map((k) => [k, []]));
for (let r = 0; r < 4; r++) for (const [k, fn] of Object.entries(phases)) times[k].push(await fn());
const base = median(times.createSourceFile.slice(1));
for (const [k, t] of Object.entries(times)) console.log(`${k.padEnd(45)} ${median(t.slice(1)).toFixed(0).padStart(6)} ms  ${(median(t.slice(1)) / base).toFixed(2)}× the parser`);
