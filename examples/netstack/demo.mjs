// The main job: build the netstack example with VIMAGE off and on, run both, and show each
// jail's state side by side. --verbose adds the code the plugin wrote (vimage compare).
//   node examples/netstack/demo.mjs [--verbose]   (npm run demo [-- --verbose] at the root)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, tools } from './build.mjs';
import { parseReport, sideBySide } from './side-by-side.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const verbose = process.argv.includes('--verbose');
const run = (file) =>
  execFileSync(process.execPath, ['--enable-source-maps', file], { encoding: 'utf8' });
const section = (title) =>
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);

const [offFile, onFile] = [await build(false), await build(true)];
const off = parseReport(run(offFile));
const on = parseReport(run(onFile));

section('How each side was built');
console.log(`  both:       ${tools.replace('; ', ';\n              ')}`);
console.log(`  VIMAGE off: ${path.relative(repo, offFile)}, vimage({ vimage: false }):`);
console.log('              markers compiled away, plain globals');
console.log(`  VIMAGE on:  ${path.relative(repo, onFile)}, vimage({ vimage: true }):`);
console.log('              each access a lookup in the current vnet');
console.log(`\n  off: ${off.other[0]}\n  on:  ${on.other[0]}`);

for (const jail of on.jails) {
  section(`${jail.name}: its state off | on (- only off, + only on)`);
  console.log(
    sideBySide(
      off.jails.find((j) => j.name === jail.name),
      jail,
    ),
  );
}

section('Printed besides (VIMAGE off | on)');
console.log(`  off: ${off.other.slice(1).join('; ') || '-'}`);
console.log(`  on:  ${on.other.slice(1).join('; ') || '-'}`);

const cli = path.join(repo, 'packages/cli/dist/bin.js');
if (!verbose) {
  console.log('\nThe code the plugin wrote for each build: add --verbose,');
  console.log('or run `npx vimage compare examples/netstack`.');
} else if (existsSync(cli)) {
  section('vimage compare: the code the plugin wrote for each build');
  const r = spawnSync(process.execPath, [cli, 'compare', here], { encoding: 'utf8' });
  process.stdout.write(r.stdout);
  if (r.status !== 0) process.stderr.write(r.stderr);
}
