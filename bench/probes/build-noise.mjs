// Method evidence for rows 6 and 7: the CPU time of one and the same plain rollup build of the
// 1,000-module project, repeated. Run it twice to compare the thread settings:
//   node --expose-gc bench/probes/build-noise.mjs
//   UV_THREADPOOL_SIZE=1 node --expose-gc --single-threaded-gc bench/probes/build-noise.mjs
import path from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { writeProject } from '../gen/project.mjs';
import { cpuTime, outDir } from '../harness.mjs';

const entry = await writeProject(path.join(outDir, 'probe-noise'), { count: 1000, markers: true });
const times = [];
for (let r = 0; r < 8; r++) {
  globalThis.gc?.();
  times.push(
    await cpuTime(async () => {
      const bundle = await rollup({ input: entry, plugins: [nodeResolve()], onwarn: () => {} });
      await bundle.generate({ format: 'es' });
      await bundle.close();
    }),
  );
}
const kept = times.slice(2); // the first builds warm the JIT
console.log(
  `cpu ms per build: ${kept.map((t) => t.toFixed(0)).join(' ')}; min ${Math.min(...kept).toFixed(0)}, max ${Math.max(...kept).toFixed(0)}`,
);
