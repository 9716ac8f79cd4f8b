// The main job: build the netstack example with VIMAGE off and on, run both, show what differs.
//   node examples/netstack/demo.mjs   (npm run demo at the repository root)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const run = (file) => execFileSync(process.execPath, ['--enable-source-maps', file], { encoding: 'utf8' });

const section = (title) => console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);

const [offFile, onFile] = [await build(false), await build(true)];
const off = run(offFile);
const on = run(onFile);
section('VIMAGE off: one network stack, shared by every jail');
process.stdout.write(off);
section('VIMAGE on: a network stack per jail');
process.stdout.write(on);

section('What differs (- off, + on)');
const a = off.trimEnd().split('\n');
const b = on.trimEnd().split('\n');
for (const line of a) if (!b.includes(line)) console.log(`- ${line}`);
for (const line of b) if (!a.includes(line)) console.log(`+ ${line}`);

const cli = path.join(repo, 'packages/cli/dist/bin.js');
if (existsSync(cli)) {
  section('vimage compare: the code the plugin wrote for each build');
  const r = spawnSync(process.execPath, [cli, 'compare', here], { encoding: 'utf8' });
  process.stdout.write(r.stdout);
  if (r.status !== 0) process.stderr.write(r.stderr);
}
