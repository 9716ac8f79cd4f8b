// Row 5: transform() throughput / TypeScript's createSourceFile throughput, same corpus.
import path from 'node:path';
import ts from 'typescript';
import { exportsOf, transform } from '@vimage/transform';
import { generatedCorpus, megabytes, realCorpus } from '../gen/corpus.mjs';
import { alternate, cpuTime, fmt, line, log, main, median, quick } from '../harness.mjs';

const MARKER = "import { VNET_DEFINE } from '@vimage/runtime';\n";

export async function run() {
  const real = realCorpus(quick);
  // The same real files with a marker import: no longer skippable, so analysed in full.
  const marked = real.map((f) => ({ file: f.file, code: MARKER + f.code }));
  const gen = generatedCorpus(quick);
  const root = path.dirname(gen[0].file);
  // Cross-module rewriting needs what imported modules export: resolved before the clock
  // starts, as the plugin caches it per module.
  const exportsByFile = new Map(gen.map((f) => [f.file, exportsOf(f.code, f.file, { root })]));
  const resolver = (source, importer) =>
    exportsByFile.get(path.resolve(path.dirname(importer), source.replace(/\.js$/, '.ts'))) ?? null;
  let sink = 0;
  // transform() keeps its last analyses (hosts ask for a module's exports, then transform it):
  // each pass gets new strings, so no pass reuses an earlier one's work. Side k's n-th pass and
  // its parser's n-th pass see the same strings.
  const passes = new Map();
  const fresh = (corpus, key) => {
    const n = (passes.get(key) ?? 0) + 1;
    passes.set(key, n);
    return corpus.map((f) => ({ file: f.file, code: `${f.code}\n// pass ${n}` }));
  };
  // The generated corpus is small (a pass takes about 0.1 s, where one minor GC more or less
  // moves a ratio by a third): each of its samples is several passes, each on new strings.
  const passesOf = (corpus) => (corpus === gen && !quick ? 5 : 1);
  const parse = (corpus, key) => () => {
    const runs = Array.from({ length: passesOf(corpus) }, () => fresh(corpus, key));
    return cpuTime(() => {
      for (const files of runs)
        for (const f of files)
          sink += ts.createSourceFile(f.file, f.code, ts.ScriptTarget.Latest).statements.length;
    });
  };
  const tx = (corpus, key, opts) => () => {
    const runs = Array.from({ length: passesOf(corpus) }, () => fresh(corpus, key));
    return cpuTime(() => {
      for (const files of runs)
        for (const f of files)
          sink +=
            transform(f.code, f.file, { vimage: true, sourceMap: true, ...opts })?.code.length ?? 1;
    });
  };
  const costs = await alternate(
    {
      txReal: tx(real, 'txReal', { root: '/' }),
      txRealOff: tx(real, 'txRealOff', { root: '/', vimage: false }),
      parseMarked: parse(marked, 'parseMarked'),
      txMarked: tx(marked, 'txMarked', { root: '/' }),
      parseGen: parse(gen, 'parseGen'),
      txGen: tx(gen, 'txGen', { root, resolver }),
    },
    {
      rounds: quick ? 1 : 3,
      warmup: 1,
      onRound: (r, c) =>
        log(
          `row 5 round ${r}: ${Object.entries(c)
            .map(([k, v]) => `${k} ${fmt(v[r])} ms`)
            .join(', ')}`,
        ),
    },
  );
  // Every generated module defines or references globals: the rewrite must have happened.
  const sample = transform(gen[1].code, gen[1].file, { vimage: true, root, resolver });
  if (!sample?.code.includes('__vimage.c['))
    throw new Error('row 5: generated corpus was not rewritten');
  // Modules with no marker are returned untouched, awaits and all: shown for comparison with earlier runs.
  const awaits = `${real.filter((f) => /\bawait\b/.test(f.code)).length}/${real.length}`;
  const mbs = (corpus, k) =>
    `${fmt((passesOf(corpus) * megabytes(corpus)) / (median(costs[k]) / 1000))} MB/s`;
  const of = (corpus, a, b) =>
    `${mbs(corpus, a)} vs parser ${mbs(corpus, b)}, ${fmt(megabytes(corpus))} MB${sink ? '' : '?'}`;
  // The unmarked real files are parsed as their marked copies (one import line longer each).
  const scale = megabytes(real) / megabytes(marked);
  return [
    line(
      5,
      'transform / createSourceFile: real code + a marker import',
      costs.txMarked,
      costs.parseMarked,
      { invert: true, target: { min: 0.5 }, detail: of(marked, 'txMarked', 'parseMarked') },
    ),
    line(
      5,
      'transform / createSourceFile: generated TS with globals',
      costs.txGen,
      costs.parseGen,
      { invert: true, target: { min: 0.5 }, detail: of(gen, 'txGen', 'parseGen') },
    ),
    line(
      5,
      'transform / createSourceFile: real code, no markers',
      costs.txReal,
      costs.parseMarked,
      {
        invert: true,
        scale,
        target: { min: 0.5 },
        detail: `${of(real, 'txReal', 'parseMarked')}; ${awaits} files with await`,
      },
    ),
    line(5, 'same, VIMAGE off', costs.txRealOff, costs.parseMarked, {
      invert: true,
      scale,
      target: { min: 0.5 },
      detail: of(real, 'txRealOff', 'parseMarked'),
    }),
  ];
}

await main(import.meta.url, run);
