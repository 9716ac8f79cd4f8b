import { execFile } from 'node:child_process';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { outRoot, repo } from './helpers/build.js';

/**
 * @vimage/runtime/jest in a real jest run: the suite of test/jest-helper counts from 0 in every
 * test (test.each, test.only, nested describe blocks with hooks, async and `done` tests,
 * test.concurrent, a timer left behind), so it passes only if no two tests share a vnet; without
 * the helper it fails. A VNET_SYSUNINIT handler that throws fails the test whose vnet it tore down.
 */
const jest = path.join(repo, 'node_modules/jest/bin/jest.js');

interface FileResult {
  message: string;
  assertionResults: Array<{ title: string; status: string }>;
}
interface Result {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: FileResult[];
}

type Ran = Result & { log: string };
async function runJest(name: string, config: Record<string, unknown>, esm = false): Promise<Ran> {
  const dir = path.join(outRoot, `jest-helper-${name}`);
  await rm(dir, { recursive: true, force: true });
  await cp(path.join(repo, 'test/jest-helper'), dir, { recursive: true });
  const base = { testEnvironment: 'node', cacheDirectory: path.join(dir, '.cache') };
  await writeFile(path.join(dir, 'jest.config.json'), JSON.stringify({ ...base, ...config }));
  const out = path.join(dir, 'result.json');
  const node = esm ? ['--experimental-vm-modules', '--no-warnings'] : [];
  const args = [...node, jest, '--config', 'jest.config.json', '--ci', '-i', '--json'];
  const done = await promisify(execFile)(process.execPath, [...args, '--outputFile', out], {
    cwd: dir,
  }).catch((e: { stdout: string; stderr: string }) => e);
  const result = JSON.parse(await readFile(out, 'utf8')) as Result;
  return { ...result, log: `${done.stdout}${done.stderr}` };
}

const transform = { '\\.[cm]?[jt]sx?$': ['@vimage/plugin/jest', { vimage: true }] };
const titles = (r: Result) =>
  r.testResults.flatMap((f) => f.assertionResults.map((a) => `${a.title}: ${a.status}`)).sort();

describe('@vimage/runtime/jest', () => {
  for (const esm of [false, true]) {
    const mode = esm ? 'ESM' : 'CommonJS';
    it(`gives every test a vnet of its own, destroyed after it (${mode} mode)`, async () => {
      const setupFilesAfterEnv = ['@vimage/runtime/jest'];
      const esmOnly = esm && { extensionsToTreatAsEsm: ['.ts'] };
      const config = { transform, setupFilesAfterEnv, ...esmOnly };
      const r = await runJest(esm ? 'esm' : 'cjs', config, esm);
      // The one failure: a VNET_SYSUNINIT handler threw while the test's vnet was destroyed.
      const failures = r.testResults.map((f) => f.message).filter(Boolean);
      const uninit = expect.stringContaining('SysuninitError: a VNET_SYSUNINIT handler');
      expect(failures).toEqual([uninit]);
      expect(failures[0]).toContain('threw in vnet "its vnet fails to tear down"');
      expect(titles(r)).toContain('its vnet fails to tear down: failed');
      expect(r.log).not.toMatch(/Warning/);
      expect([r.numFailedTests, r.numPassedTests, r.numPendingTests]).toEqual([1, 14, 1]);
      expect(titles(r)).toContain('only: a fresh vnet too: passed');
      expect(titles(r)).toContain('not run: pending');
    });
  }

  it('without it the same suite fails: the tests share one copy of each global', async () => {
    const r = await runJest('without', { transform });
    expect(r.numPassedTests).toBeLessThan(14);
    expect(titles(r)).toContain('second: failed');
    expect(titles(r)).toContain('each 1: failed');
  });
});
