import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rolldown, type RolldownOutput } from 'rolldown';
import { describe, expect, it } from 'vitest';
import vimage from '@vimage/plugin/rolldown';
import { outRoot, repo, run } from './helpers/build.js';
import { BAD_MARKER_PROGRAM, LINKER_SET_PROGRAM, LINKER_SET_STDOUT, POSITIONS_PROGRAM, originalOf, positionInNet, project } from './helpers/hosts.js';
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
    return await build.write({ dir: out, format: 'es', sourcemap: true, entryFileNames: 'main.mjs', chunkFileNames: '[name]-[hash].mjs' });
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
describePrograms({ title: 'rolldown ', build, knownFailures: { reexports: 'rolldown refuses an assignment to an import' } });

it('rolldown puts the module loaded by import() in a chunk of its own (the late chunk is real)', async () => {
  const { entry } = await build(path.join(repo, 'test/programs/late-chunk'), true);
  const chunks = readdirSync(path.dirname(entry)).filter((f) => f.endsWith('.mjs') && f !== 'main.mjs');
  expect(chunks.some((f) => readFileSync(path.join(path.dirname(entry), f), 'utf8').includes('"plugin.ts"'))).toBe(true);
  expect(readFileSync(entry, 'utf8')).not.toContain('default deny');
});

describe('rolldown virtual:vimage/set', () => {
  it('lists every global of the build for the first importer, late chunks included', async () => {
    const dir = await project('rolldown-linker-set', LINKER_SET_PROGRAM);
    await bundle(dir, path.join(dir, 'dist'), true);
    const out = await run(path.join(dir, 'dist/main.mjs'));
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(LINKER_SET_STDOUT);
  });
});

it('rolldown reports a bad marker with file, line, column, the fix and the code frame, and writes nothing', async () => {
  const dir = await project('rolldown-bad-marker', BAD_MARKER_PROGRAM);
  const error = (await bundle(dir, path.join(dir, 'dist'), true).then(() => null, (e: unknown) => e)) as Error & { errors?: object[] };
  expect(error).toBeInstanceOf(Error);
  expect(error.errors).toHaveLength(1);
  expect(error.errors![0]).toMatchObject({
    plugin: 'vimage',
    pluginCode: 'VIMAGE_MARKER_NOT_MODULE_LEVEL',
    loc: { file: path.join(dir, 'net.ts'), line: 3, column: 10 },
  });
  expect((error.errors![0] as { frame?: string }).frame).toContain('3:   let x = VNET_DEFINE(1);\n             ^');
  expect(error.message).toContain('fix: move the declaration to the top level of the module');
  expect(readdirSync(dir)).not.toContain('dist');
});

it('rolldown maps positions in a transformed module back to the original line and column', async () => {
  const dir = await project('rolldown-positions', POSITIONS_PROGRAM);
  await bundle(dir, path.join(dir, 'dist'), true);
  const main = path.join(dir, 'dist/main.mjs');
  // Printers may change the quotes.
  expect(originalOf(main, /["']the-seventh-line["']/)).toEqual(positionInNet("'the-seventh-line'"));
  expect(originalOf(main, '$vnet_total] += 2')).toEqual(positionInNet('total += 2'));
});
