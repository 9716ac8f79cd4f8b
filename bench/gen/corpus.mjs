// The transform-throughput corpora (row 5): real code from installed packages, and generated
// TypeScript with virtualized globals of every marker form and their accesses.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repo } from '../harness.mjs';
import { moduleSource } from './project.mjs';

function walk(dir, test, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, test, out);
    else if (test(name)) out.push(p);
  }
  return out;
}

/**
 * Real code, about 2 MB: rollup's and vite's ESM distributions (JavaScript with code, not
 * just types) but vite's 1.3 MB config chunk (to keep the run short), and the TypeScript
 * sources shipped by @jridgewell (the only installed .ts with code). `quick` keeps ~150 kB.
 */
export function realCorpus(quick) {
  const nm = path.join(repo, 'node_modules');
  const files = [
    ...walk(path.join(nm, 'rollup/dist/es'), (n) => n.endsWith('.js')),
    ...walk(path.join(nm, 'vite/dist/node'), (n) => n.endsWith('.js') && n !== 'config.js'),
    ...walk(path.join(nm, '@jridgewell'), (n) => n.endsWith('.ts') && !n.endsWith('.d.ts')),
  ];
  const corpus = files.map((file) => ({ file, code: readFileSync(file, 'utf8') }));
  if (!quick) return corpus;
  let bytes = 0;
  return corpus.filter((f) => f.code.length < 100_000 && (bytes += f.code.length) < 150_000);
}

/** Generated TypeScript modules (the row 6 project's modules with types), in memory. */
export function generatedCorpus(quick, dir = path.join(repo, 'bench/.out/corpus')) {
  const count = quick ? 40 : 600;
  return Array.from({ length: count }, (_, i) => ({
    file: path.join(dir, `m${i}.ts`),
    code: moduleSource(i, count, { ts: true }),
  }));
}

export const megabytes = (corpus) =>
  corpus.reduce((n, f) => n + Buffer.byteLength(f.code), 0) / 1e6;
