// Row 1: hot-loop read+write of a virtualized global, VIMAGE on / off, runtime bundled in.
import { bundles } from '../bundles.mjs';
import {
  alternate,
  fmt,
  importProgram,
  line,
  log,
  main,
  median,
  quick,
  cpuTime,
} from '../harness.mjs';

export async function run() {
  const { hot } = await bundles();
  const [on, off, als, map] = [
    await importProgram(hot.on),
    await importProgram(hot.off),
    await import(hot.als),
    await import(hot.map),
  ];
  // The ON side runs in a vnet of its own, as tenant code would; OFF through its runtime's
  // withVnet(vnet0), so both pay the same wrapper once per sample.
  const v = on.createVnet('bench');
  const store = { counter: 0 };
  const n = quick ? 2e6 : 2e7;
  const got = {};
  // Each side as a function of the iteration count.
  const loops = {
    off: (k) => off.withVnet(off.vnet0, () => off.hot(k)),
    on: (k) => on.withVnet(v, () => on.hot(k)),
    offHidden: (k) => off.withVnet(off.vnet0, () => off.hotHidden(k)),
    onHidden: (k) => on.withVnet(v, () => on.hotHidden(k)),
    offMixed: (k) => off.withVnet(off.vnet0, () => off.hotMixed(k)),
    onMixed: (k) => on.withVnet(v, () => on.hotMixed(k)),
    als: (k) => als.als.run(store, () => als.hot(k)),
    map: (k) => map.hot(k),
  };
  // Short calls first, the same on every side, as a function called per packet gets: with only
  // long calls, V8 13 (Node 24) deopts the ON loops at their first slot read after the loop on
  // every call ('Insufficient type feedback for generic keyed access'; BENCHMARKS.md, row 1).
  for (const loop of Object.values(loops)) for (let i = 0; i < 1000; i++) loop(100);
  const side = (name) => async () =>
    ((await cpuTime(() => (got[name] = loops[name](n)))) / n) * 1e6; // ns per iteration
  const costs = await alternate(
    Object.fromEntries(Object.keys(loops).map((name) => [name, side(name)])),
    {
      rounds: quick ? 3 : 10,
      warmup: 2,
      // Every side computes the same counter (the mixed loop its own): the loop ran and its result is used.
      onRound(r, costs) {
        const { offMixed, onMixed, ...rest } = got;
        if (
          new Set(Object.values(rest)).size !== 1 ||
          offMixed !== onMixed ||
          offMixed === undefined
        )
          throw new Error(`row 1: sides disagree ${JSON.stringify(got)}`);
        log(
          `row 1 round ${r}: ${Object.entries(costs)
            .map(([k, c]) => `${k} ${fmt(c[r])} ns`)
            .join(', ')}`,
        );
      },
    },
  );
  const ns = (k) => `${k} ${fmt(median(costs[k]), ' ns')}`;
  return [
    line(1, 'hot loop read+write: VIMAGE on / off', costs.on, costs.off, {
      target: { max: 1.5 },
      detail: `${ns('on')}, ${ns('off')} per iteration`,
    }),
    line(1, 'same, module-private global: on / off', costs.onHidden, costs.offHidden, {
      target: { max: 1.5 },
      detail: `${ns('onHidden')}, ${ns('offHidden')}`,
    }),
    line(
      1,
      'reads two globals (one an object), writes one: on / off',
      costs.onMixed,
      costs.offMixed,
      { target: { max: 1.5 }, detail: `${ns('onMixed')}, ${ns('offMixed')}` },
    ),
    line(1, 'AsyncLocalStorage.getStore() + property / off', costs.als, costs.off, {
      peer: true,
      detail: ns('als'),
    }),
    line(1, 'Map keyed by symbol / off', costs.map, costs.off, { peer: true, detail: ns('map') }),
  ];
}

await main(import.meta.url, run);
