// Rows 6 and 7 evidence: a CPU profile of one warm rollup build of the 1,000-module project
// with the plugin, summarized by file. Usage: node bench/probes/build-profile.mjs [on|off|none]
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import vimage from '@vimage/plugin/rollup';
import { writeProject } from '../gen/project.mjs';
import { cpuTime, outDir } from '../harness.mjs';

const mode = process.argv[2] ?? 'on';
const dir = path.join(outDir, `probe-${mode}`);
const entry = await writeProject(dir, { count: 1000, markers: mode === 'on' });
const build = () =>
  cpuTime(async () => {
    const plugins = [
      ...(mode === 'none' ? [] : [vimage({ vimage: mode === 'on', root: dir })]),
      nodeResolve(),
    ];
    const bundle = await rollup({ input: entry, plugins, onwarn: () => {} });
    await bundle.generate({ format: 'es' });
    await bundle.close();
  });
console.log(`warm-up build ${(await build()).toFixed(0)} ms cpu`);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
console.log(`profiled build ${(await build()).toFixed(0)} ms cpu`);
const { profile } = await session.post('Profiler.stop');
const file = path.join(outDir, `build-${mode}.cpuprofile`);
await writeFile(file, JSON.stringify(profile));
console.log(
  `wrote ${file}; summarize with node bench/profile.mjs ${path.relative(process.cwd(), file)}`,
);
