// Row 8: loading an adapter of @vimage/plugin / `require('typescript')` alone, each in a fresh
// process. Every adapter the plugin's package.json exports is measured, so a new one is too.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { alternate, fmt, line, log, main, median, quick, repo } from '../harness.mjs';

/** A fresh `node -e` in the repository: its total CPU time (start-up included) and wall time. */
function processCost(args) {
  const t0 = process.hrtime.bigint();
  const out = execFileSync(process.execPath, args, { cwd: repo, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = JSON.parse(out.trim().split('\n').pop());
  return { cpu, wall };
}

const report = 'const u = process.cpuUsage(); console.log((u.user + u.system) / 1000);';
const loadTypeScript = ['-e', `require('typescript'); ${report}`];
const loadAdapter = (spec) => ['--input-type=module', '-e', `await import('${spec}'); ${report}`];
// TypeScript loads on the first module that needs parsing: the adapter, then one marked module.
const marked = JSON.stringify(
  [
    "import { VNET_DEFINE } from '@vimage/runtime';",
    'export let n = VNET_DEFINE(1);',
    'export const f = () => n++;',
  ].join('\n'),
);
const firstParse = [
  '--input-type=module',
  '-e',
  `await import('@vimage/plugin/rollup');
const { transform } = await import('@vimage/transform');
const out = transform(${marked}, '/p/m.ts', { vimage: true, root: '/p' });
if (!out.code.includes('__vimage.c[')) throw new Error('not rewritten');
${report}`,
];

export async function run() {
  const { exports } = JSON.parse(readFileSync(path.join(repo, 'plugin/package.json'), 'utf8'));
  const adapters = Object.keys(exports)
    .filter((k) => k !== '.' && exports[k].default)
    .map((k) => `@vimage/plugin/${k.slice(2)}`);
  const walls = {};
  const side = (name, args) => () => {
    const { cpu, wall } = processCost(args);
    (walls[name] ??= []).push(wall);
    return cpu;
  };
  const sides = { typescript: side('typescript', loadTypeScript) };
  for (const a of adapters) sides[a] = side(a, loadAdapter(a));
  sides.firstParse = side('firstParse', firstParse);
  const costs = await alternate(sides, {
    rounds: quick ? 1 : 5,
    warmup: quick ? 0 : 1,
    onRound: (r, c) => {
      const short = (k) => k.replace(/^@vimage\/plugin\//, '');
      const each = Object.entries(c).map(([k, v]) => `${short(k)} ${fmt(v[r])} ms`);
      log(`row 8 round ${r}: ${each.join(', ')}`);
    },
  });
  const ms = (k) => `${fmt(median(costs[k]), ' ms')} cpu, ${fmt(median(walls[k]), ' ms')} wall`;
  return [
    ...adapters.map((a, i) =>
      line(8, `load ${a} / require('typescript'), fresh processes`, costs[a], costs.typescript, {
        target: { max: 1.3 },
        detail: `${ms(a)}${i ? '' : `; typescript ${ms('typescript')}`}`,
      }),
    ),
    line(
      8,
      "load /rollup and transform one marked module / require('typescript')",
      costs.firstParse,
      costs.typescript,
      { peer: true, detail: ms('firstParse') },
    ),
  ];
}

await main(import.meta.url, run);
