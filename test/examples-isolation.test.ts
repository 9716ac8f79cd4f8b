import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { repo } from './helpers/build.js';

/**
 * examples/test-isolation as its README runs it, in --short mode: the same tests once with a
 * fresh vnet per test and once with vi.resetModules, each suite a `vitest run` of its own.
 */
it('test-isolation --short: both suites pass the same 31 tests, and their wall times are reported', async () => {
  const script = path.join(repo, 'examples/test-isolation/compare.mjs');
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--short'], { cwd: repo, timeout: 170_000 });
  expect(stdout).toMatch(/each test in a fresh vnet +\d+\.\d\d s +\d+\.\d\d s +31\/31 passed/);
  expect(stdout).toMatch(/vi\.resetModules \+ re-import +\d+\.\d\d s +\d+\.\d\d s +31\/31 passed/);
  expect(stdout).toContain('both suites passed with the same number of tests: yes (31)');
}, 180_000);
