// Row 6 evidence: rollup's own cost on the rewritten code, and on which parts of it. Captures
// the plugin's output for the 1,000-module project once, then builds it again loading that
// output with no transform ("replay"), alternated with a build without the plugin, and with
// variants of the replayed code (the runtime left external; without the function-entry
// re-reads; without the dead-zone checks). 6 rounds, the first dropped, medians. Usage (the
// thread settings of run.mjs):
//   UV_THREADPOOL_SIZE=1 node --expose-gc --single-threaded-gc bench/probes/replay-variants.mjs
import path from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import vimage from '@vimage/plugin/rollup';
import { writeProject } from '../gen/project.mjs';
import { cpuTime, median, outDir } from '../harness.mjs';
const count = 1000;
const dir = path.join(outDir, 'probe-phases');
const entry = await writeProject(dir, { count, markers: true });
const captured = new Map();
await (
  await rollup({
    input: entry,
    plugins: [
      vimage({ vimage: true, root: dir }),
      { name: 'cap', transform: (c, id) => void captured.set(id, c) },
      nodeResolve(),
    ],
    onwarn: () => {},
  })
).generate({ format: 'es' });
// Loads the captured output of a module, edited.
const replay = (edit = (c) => c) => ({
  name: 'replay',
  load: (id) => (captured.has(id) ? { code: edit(captured.get(id)), map: null } : null),
});
const ext = (id) => id === '@vimage/runtime';
const sides = {
  none: [[], false],
  'none, runtime external': [[], true],
  replay: [[replay()], false],
  'replay, runtime external': [[replay()], true],
  'replay, no __vimage.e()': [[replay((c) => c.replaceAll('__vimage.e();', ''))], false],
  'replay, no dead-zone checks': [
    [replay((c) => c.replace(/\b(\w+) === __vimage \? -1 : (\$vnet_\w+)/g, '$2'))],
    false,
  ],
};
const times = Object.fromEntries(Object.keys(sides).map((k) => [k, []]));
for (let r = 0; r < 6; r++) {
  for (const k of r % 2 ? Object.keys(sides).reverse() : Object.keys(sides)) {
    const [plugins, external] = sides[k];
    globalThis.gc?.();
    times[k].push(
      await cpuTime(async () => {
        const b = await rollup({
          input: entry,
          plugins: [...plugins, nodeResolve()],
          external: external ? ext : undefined,
          onwarn: () => {},
        });
        await b.generate({ format: 'es' });
        await b.close();
      }),
    );
  }
}
for (const [k, t] of Object.entries(times))
  console.log(`${k.padEnd(34)} ${median(t.slice(1)).toFixed(0).padStart(6)} ms cpu`);
