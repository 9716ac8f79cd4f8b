// Rows 9 and 10: examples/test-isolation's vitest suite (24 files, 408 tests) run as users run
// it, `npx vitest run`, each run a fresh process: isolate: false with a fresh vnet per test
// (@vimage/runtime/vitest) against vitest's default per-file isolation (row 9) and against
// isolate: false alone, the leaky floor (row 10). Wall time, as the contract's rows say: a
// test run's cost is how long one waits for it. The three suites run in rotating order each
// round, so drifting load on a shared machine skews none of them more than the others. The vnet
// suite runs twice a round, first with the plugin's transform cache emptied (reported beside the
// row) and then as the runs after a first one do, with the cache the first left: the row's figure.
// --quick: the four-file subset, one round.
import { failed, fmt, line, log, main, median, quick } from '../harness.mjs';
import { roundOrder, runSuite, short, verdict } from '../../examples/test-isolation/suites.mjs';

const LABEL9 = 'vitest suite, vnet per test (isolate: false) / per-file isolation, wall';
const LABEL10 = 'same / isolate: false alone (leaky floor), wall';

export async function run() {
  const runs = { default: [], cold: [], vnet: [], floor: [] };
  const wall = { default: [], cold: [], vnet: [], floor: [] };
  const rounds = quick ? 1 : Number(process.env.VIMAGE_BENCH_ROUNDS ?? 3);
  for (let round = 0; round < rounds; round++) {
    for (const key of roundOrder(round)) {
      const r = await runSuite(key, quick ? short : {});
      runs[key].push(r);
      wall[key].push(r.wallMs);
    }
    const times = Object.entries(wall).map(([k, w]) => `${k} ${(w.at(-1) / 1000).toFixed(1)} s`);
    log(`  round ${round + 1}: ${times.join(', ')}`);
  }
  const { same, leaked } = verdict(runs);
  if (!same || !leaked) {
    const why = same
      ? 'the floor did not leak'
      : "the vnet run did not pass the default run's tests";
    return [failed(9, LABEL9, why, { max: 0.3 }), failed(10, LABEL10, why, { max: 1.2 })];
  }
  const s = (key) => `${fmt(median(wall[key]) / 1000, ' s')}`;
  const cold = (base) => fmt(median(wall.cold) / median(wall[base]), '×');
  const detail9 =
    `${runs.default[0].total} tests: vnet ${s('vnet')}, default ${s('default')}; ` +
    `empty cache ${s('cold')}, ${cold('default')}`;
  const detail10 = `floor ${s('floor')}, ${runs.floor[0].failed} of its tests fail; empty cache ${cold('floor')}`;
  return [
    line(9, LABEL9, wall.vnet, wall.default, { target: { max: 0.3 }, detail: detail9 }),
    line(10, LABEL10, wall.vnet, wall.floor, { target: { max: 1.2 }, detail: detail10 }),
  ];
}

await main(import.meta.url, run);
