import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rolldown, type RolldownOutput } from 'rolldown';
import { describe, expect, it } from 'vitest';
import vimage from '@vimage/plugin/rolldown';
import { outRoot, repo, run } from './helpers/build.js';
import * as hosts from './helpers/hosts.js';
import { describePrograms } from './helpers/programs.js';

/**
 * The programs of test/programs (test/helpers/programs.ts) bundled by real rolldown with the
 * plugin (ESM, import() in chunks of their own, the runtime external, TypeScript stripped by
 * rolldown itself after the plugin): the same expectations as the rollup builds.
 */
async function bundle(dir: string, out: string, on: boolean): Promise<RolldownOutput> {
  const build = await rolldown({
    input: path.join(dir, 'main.ts'),
    plugins: [vimage({ vimage: on, root: dir })],
    external: ['@vimage/runtime'],
    platform: 'node',
    logLevel: 'silent',
  });
  try {
    const names = { entryFileNames: 'main.mjs', chunkFileNames: '[name]-[hash].mjs' };
    return await build.write({ dir: out, format: 'es', sourcemap: true, ...names });
  } finally {
    await build.close();
  }
}

async function build(dir: string, on: boolean): Promise<{ entry: string }> {
  const out = path.join(outRoot, `rolldown-${path.basename(dir)}-${on ? 'on' : 'off'}`);
  await bundle(dir, out, on);
  return { entry: path.join(out, 'main.mjs') };
}

// reexports writes through a namespace on purpose (plain ESM throws there): rollup warns,
// rolldown refuses to build it (ASSIGN_TO_IMPORT), with VIMAGE off as on.
const knownFailures = { reexports: 'rolldown refuses an assignment to an import' };
describePrograms({ title: 'rolldown ', build, knownFailures });

it('rolldown puts the module loaded by import() in a chunk of its own', async () => {
  hosts.expectLateChunk((await build(path.join(repo, 'test/programs/late-chunk'), true)).entry);
});

describe('rolldown virtual:vimage/set', () => {
  it('lists every global for the first importer, late chunks included', async () => {
    const dir = await hosts.project('rolldown-linker-set', hosts.LINKER_SET_PROGRAM);
    await bundle(dir, path.join(dir, 'dist'), true);
    await hosts.expectLinkerSet(path.join(dir, 'dist/main.mjs'));
  });
});

it('rolldown reports a bad marker with place, fix and frame, and writes nothing', async () => {
  const dir = await hosts.project('rolldown-bad-marker', hosts.BAD_MARKER_PROGRAM);
  const failed = await bundle(dir, path.join(dir, 'dist'), true).then(
    () => null,
    (e: unknown) => e,
  );
  const error = failed as Error & { errors?: { frame?: string }[] };
  expect(error).toBeInstanceOf(Error);
  expect(error.errors).toHaveLength(1);
  expect(error.errors![0]).toMatchObject({
    plugin: 'vimage',
    pluginCode: 'VIMAGE_MARKER_NOT_MODULE_LEVEL',
    loc: { file: path.join(dir, 'net.ts'), line: 3, column: 10 },
  });
  expect(error.errors![0]!.frame).toContain('3:   let x = VNET_DEFINE(1);\n             ^');
  expect(error.message).toContain('fix: move the declaration to the top level of the module');
  expect(readdirSync(dir)).not.toContain('dist');
});

it('rolldown maps a transformed module back to the original lines and columns', async () => {
  const dir = await hosts.project('rolldown-positions', hosts.POSITIONS_PROGRAM);
  await bundle(dir, path.join(dir, 'dist'), true);
  hosts.expectPositions(path.join(dir, 'dist/main.mjs'));
});

it("rolldown builds a program with the README's recipe: the runtime bundled", async () => {
  const dir = path.join(repo, 'test/programs/isolation');
  const out = path.join(outRoot, 'rolldown-recipe-isolation');
  // The README's configuration, with this program's entry and an output folder.
  const input = path.join(dir, 'main.ts');
  const build = await rolldown({ input, plugins: [vimage({ vimage: true, root: dir })] });
  await build.write({ dir: out, entryFileNames: 'main.mjs' });
  await build.close();
  const result = await run(path.join(out, 'main.mjs'));
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe(readFileSync(path.join(dir, 'expected.on.txt'), 'utf8'));
});
