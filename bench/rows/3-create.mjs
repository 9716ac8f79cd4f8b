// Row 3: creating a vnet of 1,000 primitive globals / copying a 1,000-element array with the
// runtime's own copyValue (and with slice()); peers re-evaluate the module per instance.
import path from 'node:path';
import vm from 'node:vm';
import { bundles } from '../bundles.mjs';
import { alternate, fmt, line, log, main, median, quick, repo, cpuTime } from '../harness.mjs';

const N = 1000;

export async function run() {
  const g = (await bundles()).globals[N];
  const on = await import(g.on);
  const { copyValue } = await import(path.join(repo, 'runtime/dist/copy.js'));
  const source = Array.from({ length: N }, (_, i) => i);
  const script = new vm.Script(g.script); // compiled once: only context creation and evaluation repeat
  let sink = 0;
  // µs per instance: the median of `reps` batches of `count` instances, each batch kept alive
  // until the clock stops, then released. Small batches and the median keep a scavenge that
  // copies a side's survivors out of most samples. Row 4 covers memory.
  const per =
    (count, reps, make, release = () => {}) =>
    async () => {
      const times = [];
      for (let r = 0; r < reps; r++) {
        const keep = [];
        times.push(
          ((await cpuTime(async () => {
            for (let i = 0; i < count; i++) keep.push(await make(i));
          })) *
            1000) /
            count,
        );
        sink += keep.length;
        release(keep);
      }
      return median(times);
    };
  const [B, reps] = [50, quick ? 5 : 25];
  let imports = 0;
  const costs = await alternate(
    {
      create: per(
        B,
        reps,
        () => on.createVnet(),
        (vs) => vs.forEach((v) => v.destroy()),
      ),
      copyValue: per(B, reps, () => copyValue(source)),
      slice: per(B, reps, () => source.slice()),
      vm: per(3, quick ? 1 : 3, () => {
        const ctx = vm.createContext({});
        script.runInContext(ctx);
        return ctx;
      }),
      import: per(3, quick ? 1 : 3, () => import(`${g.plainUrl}?i=${imports++}`)),
    },
    {
      rounds: quick ? 3 : 7,
      warmup: 1,
      onRound: (r, c) =>
        log(
          `row 3 round ${r}: ${Object.entries(c)
            .map(([k, v]) => `${k} ${fmt(v[r])} µs`)
            .join(', ')}`,
        ),
    },
  );
  // The copies must be real: a vnet's slots hold the reference values.
  const v = on.createVnet();
  if (on.withVnet(v, () => on.g999) !== 999 || v.get('globals-1000.ts#g999') !== 999)
    throw new Error('row 3: a new vnet lacks its globals');
  v.destroy();
  const us = (k) => `${k} ${fmt(median(costs[k]), ' µs')}`;
  return [
    line(3, 'new vnet of 1,000 globals / copyValue(1,000-array)', costs.create, costs.copyValue, {
      target: { max: 3 },
      detail: `${us('create')}, ${us('copyValue')}${sink ? '' : '?'}`,
    }),
    line(3, 'new vnet of 1,000 globals / arr.slice()', costs.create, costs.slice, {
      target: { max: 3 },
      detail: us('slice'),
    }),
    line(3, 'node:vm context + evaluate the module / copyValue', costs.vm, costs.copyValue, {
      peer: true,
      detail: us('vm'),
    }),
    line(3, 'fresh import() of the module / copyValue', costs.import, costs.copyValue, {
      peer: true,
      detail: us('import'),
    }),
  ];
}

await main(import.meta.url, run);
