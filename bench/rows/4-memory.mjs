// Row 4: heap per vnet of N primitive globals / per N-element array (N = 1,000 and 10,000).
// Needs --expose-gc (run.mjs passes it): heap growth between full GCs, divided by K.
import vm from 'node:vm';
import { bundles } from '../bundles.mjs';
import { alternate, fmt, line, log, main, median, quick } from '../harness.mjs';

const K = quick ? 50 : 200;
const KPEER = quick ? 2 : 5; // node:vm contexts and module instances cost far more each

function heap() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

/** Bytes per instance: heap growth while `count` instances are alive, over count. */
const per =
  (count, make, release = () => {}) =>
  async () => {
    const keep = [];
    const h0 = heap();
    for (let i = 0; i < count; i++) keep.push(await make(i));
    const bytes = (heap() - h0) / count;
    release(keep);
    return bytes;
  };

export async function run() {
  if (typeof globalThis.gc !== 'function') throw new Error('row 4 needs node --expose-gc');
  const lines = [];
  let imports = 0;
  const built = await bundles();
  for (const n of quick ? [1000] : [1000, 10000]) {
    const g = built.globals[n];
    const on = await import(g.on);
    const source = Array.from({ length: n }, (_, i) => i);
    const script = new vm.Script(g.script);
    const costs = await alternate(
      {
        vnet: per(
          K,
          () => on.createVnet(),
          (vs) => vs.forEach((v) => v.destroy()),
        ),
        array: per(K, () => source.slice()),
        vm: per(KPEER, () => {
          const ctx = vm.createContext({});
          script.runInContext(ctx);
          return ctx;
        }),
        import: per(KPEER, () => import(`${g.plainUrl}?m=${imports++}`)),
      },
      {
        rounds: quick ? 2 : 3,
        warmup: 1,
        onRound: (r, c) =>
          log(
            `row 4 N=${n} round ${r}: ${Object.entries(c)
              .map(([k, v]) => `${k} ${fmt(v[r] / 1024)} KiB`)
              .join(', ')}`,
          ),
      },
    );
    const kib = (k) => `${k} ${fmt(median(costs[k]) / 1024, ' KiB')}`;
    const N = n.toLocaleString('en');
    lines.push(
      line(4, `memory per vnet of ${N} globals / ${N}-element array`, costs.vnet, costs.array, {
        target: { max: 1.5 },
        detail: `${kib('vnet')}, ${kib('array')} each`,
      }),
      line(4, `node:vm context with the ${N}-global module / array`, costs.vm, costs.array, {
        peer: true,
        detail: kib('vm'),
      }),
      line(4, `fresh import() of the ${N}-global module / array`, costs.import, costs.array, {
        peer: true,
        detail: kib('import'),
      }),
    );
  }
  return lines;
}

await main(import.meta.url, run);
