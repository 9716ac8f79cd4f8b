// Row 3 evidence: what createVnet() of 1,000 primitive globals spends beyond copying the
// slot array. Uses the runtime's dist directly (a bundle with the runtime kept external).
// Usage: node --expose-gc bench/probes/vnet-create.mjs
import path from 'node:path';
import { rollup } from 'rollup';
import vimage from '@vimage/plugin/rollup';
import { globals } from '../gen/globals.mjs';
import { cpuTime, median, outDir, repo } from '../harness.mjs';

const g = await globals(1000);
const bundle = await rollup({
  input: g.marked,
  plugins: [
    vimage({ vimage: true, root: path.dirname(g.marked) }),
    {
      name: 'ts',
      transform: (c, id) =>
        id.endsWith('.ts') ? c.replace(/^export \{[^}]*\} from '@vimage\/runtime';$/m, '') : null,
    },
  ],
  external: ['@vimage/runtime'],
});
const file = path.join(outDir, 'probe-globals-1000.mjs');
await bundle.write({ file, format: 'es' });
await import(file);
const runtime = await import('@vimage/runtime');
const { registry } = await import(path.join(repo, 'runtime/dist/linker-set.js'));
const { copyValue } = await import(path.join(repo, 'runtime/dist/copy.js'));
const source = Array.from({ length: 1000 }, (_, i) => i);
const template = registry.instantiate();

const B = 200;
const per =
  (fn, after = () => {}) =>
  async () => {
    const keep = [];
    const ms = await cpuTime(() => {
      for (let i = 0; i < B; i++) keep.push(fn());
    });
    after(keep);
    return (ms * 1000) / B;
  };
const probes = {
  'createVnet()': per(
    () => runtime.createVnet(),
    (vs) => vs.forEach((v) => v.destroy()),
  ),
  'registry.instantiate() (the slot copy inside it)': per(() => registry.instantiate()),
  'template.slice() of a ready slot array': per(() => template.slice()),
  'copyValue(1,000-array)': per(() => copyValue(source)),
  'arr.slice()': per(() => source.slice()),
};
const t = Object.fromEntries(Object.keys(probes).map((k) => [k, []]));
for (let r = 0; r < 30; r++)
  for (const [k, fn] of Object.entries(probes)) {
    globalThis.gc?.();
    t[k].push(await fn());
  }
const base = median(t['arr.slice()'].slice(5));
for (const [k, v] of Object.entries(t))
  console.log(
    `${k.padEnd(50)} ${median(v.slice(5)).toFixed(2).padStart(7)} µs  ${(median(v.slice(5)) / base).toFixed(2)}× slice`,
  );
