// Row 6/7 evidence: how many resolutions a build makes with and without the plugin. Counts
// node-resolve's resolveId calls (the file system work) and the rounds of rollup's resolveId
// chain (seen by a first hook that answers nothing). Usage: node bench/probes/resolve-count.mjs
import path from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import vimage from '@vimage/plugin/rollup';
import { writeProject } from '../gen/project.mjs';
import { outDir } from '../harness.mjs';

const dir = path.join(outDir, 'probe-count');
const entry = await writeProject(dir, { count: 1000, markers: true });
for (const mode of ['none', 'on']) {
  const resolver = nodeResolve();
  let fsResolutions = 0;
  const hook = resolver.resolveId;
  const handler = typeof hook === 'function' ? hook : hook.handler;
  const counted = async function (...args) {
    fsResolutions++;
    return handler.apply(this, args);
  };
  resolver.resolveId = typeof hook === 'function' ? counted : { ...hook, handler: counted };
  let rounds = 0;
  const first = { name: 'count-rounds', resolveId: { order: 'pre', handler: () => void rounds++ } };
  const plugins = [
    first,
    ...(mode === 'none' ? [] : [vimage({ vimage: true, root: dir })]),
    resolver,
  ];
  const bundle = await rollup({ input: entry, plugins, onwarn: () => {} });
  await bundle.generate({ format: 'es' });
  await bundle.close();
  console.log(
    `${mode.padEnd(5)} node-resolve resolveId calls ${fsResolutions}, rounds of the resolveId chain ${rounds}`,
  );
}
