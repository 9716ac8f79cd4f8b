// The one command: build the server VIMAGE off and on, then per round start each build in turn,
// put the same bounded load on it, stop it; print the checks and the throughput side by side.
// node examples/multitenant-server/run.mjs [--short]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { build } from './build.mjs';
import { load } from './load.mjs';

const short = process.argv.includes('--short');
const opts = short
  ? { rounds: 1, requests: 600, warmup: 100 }
  : { rounds: 5, requests: 4000, warmup: 500 };
const concurrency = 32;

/** Starts a built server and resolves with its port once it prints it. */
async function start(file) {
  const child = spawn(process.execPath, ['--enable-source-maps', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start in 20 s`)), 20_000);
    child.stdout.on('data', (c) => {
      out += c;
      const m = /127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]), clearTimeout(timer));
    });
    child.on('exit', (code) => reject(new Error(`${file} exited with ${code} before listening`)));
  });
  return { child, port, banner: out.trim() };
}

const files = { off: await build(false), on: await build(true) };
console.log(
  `built ${Object.values(files)
    .map((f) => path.relative(process.cwd(), f))
    .join(' and ')}`,
);

// Rounds alternate which build goes first (off-on, on-off, ...), and the ratio is taken per
// round: a machine whose load drifts between rounds then skews both builds alike.
const results = { off: [], on: [] };
const ratios = [];
for (let round = 1; round <= opts.rounds; round++) {
  for (const mode of round % 2 ? ['off', 'on'] : ['on', 'off']) {
    const server = await start(files[mode]);
    if (round === 1) console.log(`  ${server.banner}`);
    try {
      results[mode].push(
        await load(server.port, { requests: opts.requests, warmup: opts.warmup, concurrency }),
      );
    } finally {
      server.child.kill('SIGTERM');
      await once(server.child, 'exit');
    }
  }
  const [off, on] = [results.off.at(-1).rps, results.on.at(-1).rps];
  ratios.push(on / off);
  console.log(`round ${round}: off ${Math.round(off)} requests/s, on ${Math.round(on)} requests/s`);
}

let held = true;
for (const [mode, title] of [
  ['off', 'VIMAGE off (one shared stack)'],
  ['on', 'VIMAGE on (a vnet per tenant)'],
]) {
  console.log(`\n${title}, last round:`);
  for (const c of results[mode].at(-1).checks)
    console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  held &&= results[mode].every((r) => r.checks.every((c) => c.ok));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  `\nthroughput, median of ${opts.rounds} round(s) of ${opts.requests} requests, ${concurrency} in flight:`,
);
console.log(`  VIMAGE off  ${Math.round(median(results.off.map((r) => r.rps)))} requests/s`);
console.log(`  VIMAGE on   ${Math.round(median(results.on.map((r) => r.rps)))} requests/s`);
console.log(
  `  on / off    ${median(ratios).toFixed(2)} (per-round ratios ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
);
console.log(`isolation held: ${held ? 'yes' : 'NO'}`);
process.exitCode = held ? 0 : 1;
