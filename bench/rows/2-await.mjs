// Row 2: await-heavy work across 100 interleaved vnets, VIMAGE on / off, one line per
// asyncContext mode the plugin accepts. Every sample runs in a fresh child process: an async
// hook (or AsyncLocalStorage) once enabled stays enabled for the whole process and would
// slow the OFF side too, which no user of an OFF build pays.
import { fileURLToPath } from 'node:url';
import { bundles } from '../bundles.mjs';
import {
  alternate,
  child,
  cpuTime,
  failed,
  fmt,
  line,
  log,
  main,
  median,
  quick,
  wallTime,
} from '../harness.mjs';

const TENANTS = 100;
const STEPS = quick ? 20 : 100; // 22 awaits per step, and a 0 ms timer every 20 steps

export async function run() {
  const { tenants } = await bundles();
  const modes = Object.keys(tenants.modes);
  const urls = { off: tenants.off, ...tenants.modes };
  const me = fileURLToPath(import.meta.url);
  const samples = {};
  const side = (name, kind, url) => async () => {
    const s = await child(me, ['--side', kind, url]);
    (samples[name] ??= []).push(s);
    return s.ok ? s.cpu : NaN;
  };
  const sides = { off: side('off', 'off', urls.off) };
  for (const m of modes) sides[m] = side(m, 'on', urls[m]);
  sides.als = side('als', 'als', urls.off);
  const costs = await alternate(sides, {
    rounds: quick ? 1 : 7,
    warmup: 0,
    onRound: (r, c) =>
      log(
        `row 2 round ${r}: ${Object.entries(c)
          .map(([k, v]) => `${k} ${fmt(v[r])} ms cpu`)
          .join(', ')}`,
      ),
  });
  // CPU time is the measure: the 0 ms timers also leave the process idle for about 1 ms each,
  // the same on both sides, which would pull a wall-clock ratio towards 1. Wall ratios shown too.
  const wall = (k) => samples[k].map((s) => s.wall);
  const ms = (k) => `${k} ${fmt(median(costs[k]), ' ms')} cpu`;
  const wallRatio = (k) => `wall ${line(2, '', wall(k), wall('off')).ratio.toFixed(2)}×`;
  const lines = [];
  for (const m of modes) {
    const label = `await-heavy, 100 vnets: VIMAGE on (asyncContext '${m}'${tenants.default === m ? ', the default' : ''}) / off`;
    const bad = samples[m].find((s) => !s.ok);
    lines.push(
      bad
        ? failed(2, label, bad.why, { max: 1.3 })
        : line(2, label, costs[m], costs.off, {
            target: { max: 1.3 },
            detail: `${ms(m)}, ${ms('off')} per run; ${wallRatio(m)}`,
          }),
    );
  }
  lines.push(
    line(2, 'AsyncLocalStorage.run per tenant, plain build / off', costs.als, costs.off, {
      peer: true,
      detail: `${ms('als')}; ${wallRatio('als')}`,
    }),
  );
  return lines;
}

/** One sample in a fresh process: build state, warm up, then the median of timed runs. */
async function sample(kind, url) {
  const m = await import(url);
  const vnets =
    kind === 'on' ? Array.from({ length: TENANTS }, (_, i) => m.createVnet(`tenant${i}`)) : [];
  const { AsyncLocalStorage } = await import('node:async_hooks');
  const als = new AsyncLocalStorage();
  const start = (i) =>
    kind === 'on'
      ? m.withVnet(vnets[i], () => m.tenant(STEPS))
      : kind === 'als'
        ? als.run({ tenant: i }, () => m.tenant(STEPS))
        : m.tenant(STEPS);
  let runs = 0;
  let why = '';
  const once = async () => {
    const counts = await Promise.all(Array.from({ length: TENANTS }, (_, i) => start(i)));
    runs++;
    // Isolation under interleaving: each vnet counted exactly its own tenant's work, and the
    // untransformed code resuming here is back in vnet0.
    if (kind === 'on') {
      const want = runs * STEPS * 10;
      const wrong = counts.findIndex((c) => c !== want);
      if (wrong >= 0) why ||= `tenant ${wrong} counted ${counts[wrong]}, expected ${want}`;
      if (m.curvnet() !== m.vnet0)
        why ||= `code after await Promise.all(...) runs in ${m.curvnet().name}, not vnet0`;
    } else if (Math.max(...counts) !== runs * STEPS * 10 * TENANTS)
      why ||= 'plain build lost counts';
  };
  for (let i = 0; i < (quick ? 3 : 8); i++) await once(); // the first ~8 runs are still tiering up
  const cpu = [];
  const wall = [];
  for (let i = 0; i < (quick ? 3 : 10); i++) {
    let w = 0;
    cpu.push(await cpuTime(async () => (w = await wallTime(once))));
    wall.push(w);
  }
  return { cpu: median(cpu), wall: median(wall), ok: !why, why };
}

const at = process.argv.indexOf('--side');
if (at > 0) {
  const s = await sample(process.argv[at + 1], process.argv[at + 2]);
  process.stdout.write(`\nBENCH-RESULT ${JSON.stringify(s)}\n`);
} else await main(import.meta.url, run);
