import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { repo } from './helpers/build.js';

/** The stdout of one of the example's scripts, run with `flag` as its README runs it. */
async function example(script: string, flag: string): Promise<string> {
  const file = path.join(repo, 'examples/test-isolation', script);
  const options = { cwd: repo, timeout: 170_000 };
  return (await promisify(execFile)(process.execPath, [file, flag], options)).stdout;
}

/**
 * examples/test-isolation as its README runs it, in --short mode (four of its 24 test files, one
 * worker, one run of each suite): the vnet suite, its transform cache emptied and then kept,
 * passes exactly the tests vitest's per-file isolation passes, and the same files with
 * isolate: false alone leak into each other. Timing is the bench's job (rows 9 and 10).
 */
it('test-isolation --short: the vnet run passes what the default run passes; the floor leaks', async () => {
  const stdout = await example('compare.mjs', '--short');
  expect(stdout).toMatch(/^ {2}default +\d+\.\d\d s +passed 68\/68$/m);
  expect(stdout).toMatch(/^ {2}vnet +\d+\.\d\d s +passed 68\/68$/m);
  // The vnet suite with its transform cache emptied first passes the same.
  expect(stdout).toMatch(/^ {2}cold +\d+\.\d\d s +passed 68\/68$/m);
  expect(stdout).toMatch(/^ {2}floor +\d+\.\d\d s +passed \d+\/68, failed [1-9]\d*$/m);
  expect(stdout).toContain('the vnet run passed exactly the tests the default run passed: yes');
  expect(stdout).toMatch(/the floor run leaked state between files: yes \(\d+ failed\)/);
}, 180_000);

/**
 * The same four files under jest (compare-jest.mjs --short): jest's per-file registry, and the
 * same with a vnet per test from @vimage/runtime/jest, VIMAGE on and date-fns virtualized through
 * the jest transformer; both pass every test.
 */
it('test-isolation under jest --short: the vnet run passes what jest alone passes', async () => {
  const stdout = await example('compare-jest.mjs', '--short');
  expect(stdout).toMatch(/^ {2}jest +\d+\.\d\d s +passed 68\/68$/m);
  expect(stdout).toMatch(/^ {2}jest-vnet +\d+\.\d\d s +passed 68\/68$/m);
  expect(stdout).toContain('both passed the same tests, none failing: yes');
}, 180_000);

it('test-isolation: the generated modules and test files are what generate.mjs writes', async () => {
  expect(await example('generate.mjs', '--check')).toContain('289 generated files up to date');
});
