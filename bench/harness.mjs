// The shared harness: rounds, alternation, median/spread, child rows, table printing.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.dirname(benchDir);
export const outDir = path.join(benchDir, '.out');
export const quick = process.argv.includes('--quick');

/**
 * CPU milliseconds (user + system, all threads of this process) taken by `fn`, awaited.
 * CPU time, not wall time: on a shared machine a descheduled process would measure its
 * neighbours, and idle waits (timers) are the same on both sides of a ratio.
 */
export async function cpuTime(fn) {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** Wall-clock milliseconds taken by `fn`, awaited. */
export async function wallTime(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * Runs every side once per round, in alternating order (ABBA for two sides, so drift and
 * warm-up favour neither), after `warmup` unrecorded rounds. A side returns its cost for
 * that round (ms per op, bytes per instance, ...). Returns { side: cost[] }. With
 * --expose-gc (run.mjs passes it) a full GC runs before each side, off the clock, so that
 * one side's garbage is not collected on the next side's clock.
 */
export async function alternate(sides, { rounds, warmup = 1, onRound } = {}) {
  const names = Object.keys(sides);
  const costs = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = -warmup; r < rounds; r++) {
    const order = (r + warmup) % 2 ? [...names].reverse() : names;
    for (const name of order) {
      globalThis.gc?.();
      const cost = await sides[name]();
      if (r >= 0) costs[name].push(cost);
    }
    if (r >= 0) onRound?.(r, costs);
  }
  return costs;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * One table line: per-round ratios num[r]/den[r] (or den/num with `invert`, for
 * throughput from times; `scale` for unequal amounts of work), their median and min–max. `target` is { max } or { min };
 * a peer line has none.
 */
export function line(
  row,
  label,
  num,
  den,
  { target = null, invert = false, scale = 1, detail = '', peer = false } = {},
) {
  const ratios = num.map((a, i) => (invert ? den[i] / a : a / den[i]) * scale);
  const ratio = median(ratios);
  const met = target
    ? target.max !== undefined
      ? ratio <= target.max
      : ratio >= target.min
    : null;
  return {
    row,
    label,
    target,
    ratio,
    min: Math.min(...ratios),
    max: Math.max(...ratios),
    ratios,
    met,
    peer,
    detail,
  };
}

/** A line that could not be measured correctly (wrong results): shown, never as met. */
export function failed(row, label, why, target = null) {
  return {
    row,
    label,
    target,
    ratio: null,
    min: null,
    max: null,
    ratios: [],
    met: target ? false : null,
    peer: !target,
    detail: `FAILED: ${why}`,
  };
}

/** Formats a number of units with 3 significant digits. */
export const fmt = (x, unit = '') =>
  `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toPrecision(3)}${unit}`;

/** A row file run as a script prints its lines as JSON on the last stdout line. */
export async function main(metaUrl, run) {
  if (process.argv[1] !== fileURLToPath(metaUrl)) return;
  const lines = await run();
  process.stdout.write(`\nBENCH-RESULT ${JSON.stringify(lines)}\n`);
}

/** Runs `node [flags] file ...args` and returns the JSON it ends with (rows, or a side's sample). */
export function child(file, args = [], flags = [], env = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...flags, file, ...args, ...(quick ? ['--quick'] : [])], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('close', (code) => {
      const last = out.trimEnd().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('BENCH-RESULT '))
        return reject(
          new Error(
            `${path.relative(repo, file)} ${args.join(' ')} exited ${code}\n${out.slice(-2000)}`,
          ),
        );
      resolve(JSON.parse(last.slice('BENCH-RESULT '.length)));
    });
  });
}

/** Progress goes to stderr so that --json output stays clean. */
export const log = (...a) => console.error(...a);

export function table(lines) {
  const head = ['#', 'figure', 'target', 'median', 'spread (min–max)', 'met', 'absolute'];
  const rows = lines.map((l) => [
    String(l.row),
    l.peer ? `  peer: ${l.label}` : l.label,
    l.target ? (l.target.max !== undefined ? `≤ ${l.target.max}` : `≥ ${l.target.min}`) : '',
    l.ratio === null ? '—' : `${l.ratio.toFixed(2)}×`,
    l.ratio === null ? '' : `${l.min.toFixed(2)}–${l.max.toFixed(2)}`,
    l.met === null ? '' : l.met ? 'yes' : 'NO',
    l.detail,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmtRow = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    fmtRow(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(fmtRow),
  ].join('\n');
}

/**
 * Imports a bundle with a runtime record of its own. Every copy of the runtime in a process
 * shares one state (runtime/src/state.ts), so the VIMAGE-off build loaded beside the VIMAGE-on
 * one would make the latter's createVnet() refuse (a mixed build); a row that measures both
 * programs side by side in one process gives each its own record.
 */
export async function importProgram(url) {
  const { forgetRuntimeState } = await import('../runtime/dist/process-record.js');
  forgetRuntimeState();
  return import(url);
}
