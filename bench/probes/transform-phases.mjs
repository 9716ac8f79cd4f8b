// Row 5 evidence: where transform() spends its time compared with the bare parser, on the
// row's corpora. Usage: node --expose-gc bench/probes/transform-phases.mjs [real|gen]
import path from 'node:path';
import MagicString from 'magic-string';
import ts from 'typescript';
import { exportsOf, tokenMap, transform } from '@vimage/transform';
import { generatedCorpus, realCorpus } from '../gen/corpus.mjs';
import { cpuTime, median, repo } from '../harness.mjs';

// The transform's own phases, from its dist (internal modules, for measurement only).
const { parse } = await import(path.join(repo, 'packages/transform/dist/phases/1-parse/parse.js'));
const { analyze } = await import(
  path.join(repo, 'packages/transform/dist/phases/2-analyze/index.js')
);

const which = process.argv[2] ?? 'real';
const gen = generatedCorpus(false);
const root = path.dirname(gen[0].file);
const exportsByFile = new Map(gen.map((f) => [f.file, exportsOf(f.code, f.file, { root })]));
const resolver = (s, imp) =>
  exportsByFile.get(path.resolve(path.dirname(imp), s.replace(/\.js$/, '.ts'))) ?? null;
const corpus =
  which === 'gen'
    ? gen
    : realCorpus(false).map((f) => ({
        ...f,
        code: `import { VNET_DEFINE } from '@vimage/runtime';\n${f.code}`,
      }));
const opts = which === 'gen' ? { root, resolver } : { root: '/' };
const kind = (f) => (f.file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);

let pass = 0; // a fresh string per pass, so transform's analysis cache never hits
const each = (fn) => () => {
  const files = corpus.map((f) => ({ ...f, code: `${f.code}\n// pass ${++pass}` }));
  globalThis.gc?.();
  return cpuTime(() => files.forEach(fn));
};
const phases = {
  createSourceFile: each((f) => ts.createSourceFile(f.file, f.code, ts.ScriptTarget.Latest)),
  'createSourceFile, setParentNodes': each((f) =>
    ts.createSourceFile(f.file, f.code, ts.ScriptTarget.Latest, true, kind(f)),
  ),
  'ts.preProcessFile': each((f) => ts.preProcessFile(f.code, true, false)),
  'createSourceFile, setParentNodes, no JSDoc': each((f) =>
    ts.createSourceFile(
      f.file,
      f.code,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      true,
      kind(f),
    ),
  ),
  "transform's parse (parents, no JSDoc, diagnostics)": each((f) => parse(f.code, f.file)),
  "transform's parse + analyze, all names": each((f) =>
    analyze(parse(f.code, f.file), f.code, f.file, {}),
  ),
  "transform's parse + analyze, focused (as transform)": each((f) =>
    analyze(parse(f.code, f.file), f.code, f.file, { focused: true }),
  ),
  'magic-string map, one edit, hires: true': each((f) =>
    new MagicString(f.code).prepend(';').generateMap({ hires: true, includeContent: true }),
  ),
  "magic-string map, one edit, hires: 'boundary'": each((f) =>
    new MagicString(f.code).prepend(';').generateMap({ hires: 'boundary', includeContent: true }),
  ),
  'magic-string map, one edit, hires: false': each((f) =>
    new MagicString(f.code).prepend(';').generateMap({ hires: false, includeContent: true }),
  ),
  "tokenMap (the transform's map), one edit": each((f) =>
    tokenMap(new MagicString(f.code).prepend(';'), f.code, f.file),
  ),
  'transform, VIMAGE on': each((f) => transform(f.code, f.file, { vimage: true, ...opts })),
  'transform, VIMAGE on, no source map': each((f) =>
    transform(f.code, f.file, { vimage: true, sourceMap: false, ...opts }),
  ),
  "transform, VIMAGE on, asyncContext 'sync-only'": each((f) =>
    transform(f.code, f.file, { vimage: true, asyncContext: 'sync-only', ...opts }),
  ),
};
// Alternating order, 8 rounds, the first two dropped (warm-up), medians.
const times = Object.fromEntries(Object.keys(phases).map((k) => [k, []]));
for (let r = 0; r < 8; r++) {
  const order = r % 2 ? Object.keys(phases).reverse() : Object.keys(phases);
  for (const k of order) times[k].push(await phases[k]());
}
const m = (k) => median(times[k].slice(2));
for (const k of Object.keys(times))
  console.log(
    `${k.padEnd(45)} ${m(k).toFixed(0).padStart(6)} ms  ${(m(k) / m('createSourceFile')).toFixed(2)}× the parser`,
  );
