// `npm run bench`: every row of the contract's Performance table, each in its own child
// process (so one row's async hooks, heap and JIT state cannot touch another), then the table.
// Flags: --json (machine-readable), --quick (a short smoke run), --only=1,5 (some rows).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDir, child, failed, log, quick, table } from './harness.mjs';

const json = process.argv.includes('--json');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',')
  .map(Number);
const rows = readdirSync(path.join(benchDir, 'rows'))
  .filter((f) => /^\d+-.*\.mjs$/.test(f))
  .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
  .filter((f) => !only || only.includes(parseInt(f, 10)));

const cpu =
  /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
const machine = {
  cpu,
  cores: os.availableParallelism(),
  memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  loadBefore: os.loadavg().map((x) => +x.toFixed(2)),
  quick,
};
log(
  `vimage bench${quick ? ' --quick' : ''}: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadBefore.join(' ')}`,
);

const t0 = Date.now();
const lines = [];
let ok = true;
if (rows.some((f) => parseInt(f, 10) <= 4)) {
  // One process loads rollup and TypeScript once and builds what rows 1-4 import.
  const { buildAll } = await import('./build.mjs');
  await buildAll();
  process.env.VIMAGE_BENCH_PREBUILT = '1';
  log(`bundles: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
for (const file of rows) {
  const started = Date.now();
  try {
    // --expose-gc: row 4 measures heap growth; the others collect between sides, off the clock.
    // The builds (rows 6, 7) run with one libuv thread and one GC thread: with rollup's file
    // system work spread over four threads on two cores, the CPU time of one and the same
    // build varied by a quarter between rounds (contention, not work); with one, by a twentieth.
    const build = parseInt(file, 10) >= 6;
    const flags = build ? ['--expose-gc', '--single-threaded-gc'] : ['--expose-gc'];
    lines.push(
      ...(await child(
        path.join(benchDir, 'rows', file),
        [],
        flags,
        build ? { UV_THREADPOOL_SIZE: '1' } : {},
      )),
    );
  } catch (error) {
    ok = false;
    lines.push(
      failed(parseInt(file, 10), file, String(error.message).split('\n')[0], { max: NaN }),
    );
    log(error.message);
  }
  log(`${file}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
machine.loadAfter = os.loadavg().map((x) => +x.toFixed(2));
machine.seconds = Math.round((Date.now() - t0) / 1000);

if (json) console.log(JSON.stringify({ machine, lines }, null, 2));
else {
  console.log(table(lines));
  const targets = lines.filter((l) => l.target);
  console.log(
    `\n${targets.filter((l) => l.met).length} of ${targets.length} target lines met; ${machine.seconds} s; load ${machine.loadBefore.join(' ')} before, ${machine.loadAfter.join(' ')} after.`,
  );
  console.log(
    'Ratios are medians of per-round ratios of CPU time (bytes for memory); spread is the min–max over rounds.',
  );
}
process.exitCode = ok ? 0 : 1;
