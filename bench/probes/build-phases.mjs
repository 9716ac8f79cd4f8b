// Row 6 evidence: how much of the plugin's cost is the transform and how much is rollup
// handling the rewritten code. "replay" builds load the plugin's earlier output (code and
// map) instead of transforming. Usage (the thread settings of run.mjs):
//   UV_THREADPOOL_SIZE=1 node --expose-gc --single-threaded-gc bench/probes/build-phases.mjs [count=400]
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import vimage from '@vimage/plugin/rollup';
import { writeProject } from '../gen/project.mjs';
import { cpuTime, median, outDir } from '../harness.mjs';

const count = Number(process.argv[2] ?? 400);
const dir = path.join(outDir, 'probe-phases');
const entry = await writeProject(dir, { count, markers: true });
const captured = new Map();
const capture = () => ({
  name: 'capture',
  transform: (code, id) => void captured.set(id, { code, map: null }),
});
// The rewritten code imports the runtime from every module: resolved once per build, as the
// plugin does (per importer directory), or replay would pay 600 package lookups the plugin does not.
const replay = (maps) => {
  let runtime;
  return {
    name: 'replay',
    buildStart: () => void (runtime = undefined),
    resolveId: {
      order: 'pre',
      handler(source, importer) {
        return source === '@vimage/runtime' && importer
          ? (runtime ??= this.resolve(source, importer, { skipSelf: true }))
          : null;
      },
    },
    load: (id) =>
      captured.has(id)
        ? { code: captured.get(id).code, map: maps ? captured.get(id).map : null }
        : null,
  };
};

// What the plugin does per module before transforming, alone: list the imports, resolve each
// through the host (this.resolve: node-resolve and rollup's resolution, i.e. fs calls), read
// each resolved file. `local` resolves relative specifiers by path arithmetic instead.
const lookups = (local) => ({
  name: 'lookups',
  async transform(code, id) {
    const sources = ts.preProcessFile(code, true, false).importedFiles.map((f) => f.fileName);
    await Promise.all(
      sources.map(async (s) => {
        const file =
          local && s.startsWith('.')
            ? path.resolve(path.dirname(id), s)
            : (await this.resolve(s, id, { skipSelf: true }))?.id;
        if (file && !file.startsWith('\0')) await readFile(file, 'utf8').catch(() => '');
      }),
    );
    return null;
  },
});

const sides = {
  'no plugin': () => [],
  'plugin, VIMAGE on': () => [vimage({ vimage: true, root: dir })],
  'plugin, VIMAGE on, sourceMap false': () => [
    vimage({ vimage: true, root: dir, sourceMap: false }),
  ],
  "plugin, VIMAGE on, asyncContext 'sync-only'": () => [
    vimage({ vimage: true, root: dir, asyncContext: 'sync-only' }),
  ],
  'plugin, VIMAGE off': () => [vimage({ vimage: false, root: dir })],
  'replay of the rewritten code, no transform': () => [replay(false)],
  'import lookups only (this.resolve + read)': () => [lookups(false)],
  'import lookups, relative ones by path': () => [lookups(true)],
};
// Capture the rewritten code once (what rollup receives from the plugin).
await (
  await rollup({
    input: entry,
    plugins: [vimage({ vimage: true, root: dir }), capture(), nodeResolve()],
    onwarn: () => {},
  })
).generate({ format: 'es' });
// Alternating order, 7 rounds, the first dropped (warm-up), medians.
const times = Object.fromEntries(Object.keys(sides).map((k) => [k, []]));
for (let r = 0; r < 7; r++) {
  for (const k of r % 2 ? Object.keys(sides).reverse() : Object.keys(sides)) {
    const plugins = sides[k];
    globalThis.gc?.();
    times[k].push(
      await cpuTime(async () => {
        const b = await rollup({
          input: entry,
          plugins: [...plugins(), nodeResolve()],
          onwarn: () => {},
        });
        await b.generate({ format: 'es' });
        await b.close();
      }),
    );
  }
}
const base = median(times['no plugin'].slice(1));
for (const [k, t] of Object.entries(times))
  console.log(
    `${k.padEnd(44)} ${median(t.slice(1)).toFixed(0).padStart(6)} ms cpu  ${(median(t.slice(1)) / base).toFixed(2)}×`,
  );
