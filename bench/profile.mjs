// Summarizes a V8 .cpuprofile (node --cpu-prof): self time per function and per file, the
// evidence behind BENCHMARKS.md. Usage: node bench/profile.mjs <file.cpuprofile> [top=25]
// [fn,fn,...]: with a list of function names, also their inclusive time (outermost call only).
import { readFileSync } from 'node:fs';

const [file, top = '25', inclusive] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
profile.samples.forEach((id, i) =>
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);

const byFn = new Map();
const byFile = new Map();
let total = 0;
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  if (functionName === '(idle)') continue; // waiting, not work
  const where = url
    .replace(/^.*node_modules\//, '')
    .replace(/^file:\/\/.*?\/(runtime|packages|plugin|bench)\//, '$1/');
  const fn = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  byFn.set(fn, (byFn.get(fn) ?? 0) + us);
  const key = where || functionName;
  byFile.set(key, (byFile.get(key) ?? 0) + us);
  total += us;
}
const show = (title, map, n) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(
      `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`,
    );
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms of samples, idle excluded`);
show('by file', byFile, Math.max(12, Number(top)));
show('by function (self time)', byFn, Number(top));

if (inclusive) {
  // Inclusive time of the named functions: every sample under them, counted once per name.
  const names = inclusive.split(',');
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map(names.map((n) => [n, 0]));
  for (const [id, us] of selfUs) {
    if (nodes.get(id).callFrame.functionName === '(idle)') continue;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = nodes.get(at).callFrame.functionName;
      if (incl.has(name) && !seen.has(name)) {
        seen.add(name);
        incl.set(name, incl.get(name) + us);
      }
    }
  }
  show('inclusive', incl, names.length);
}
