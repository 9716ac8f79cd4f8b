import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repo } from './helpers/build.js';

/**
 * Keeps `npm run bench` from rotting: its quick mode runs every row at small sizes (ratios that
 * are not measurements) and fails only when a row crashes or a correctness check of a row fails.
 * Speed itself is never asserted here.
 */
describe('npm run bench --quick', () => {
  it('runs every row of the contract table and checks each row computed the right thing', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(repo, 'bench/run.mjs'), '--quick', '--json'],
      { cwd: repo, timeout: 240_000, maxBuffer: 16 << 20 },
    );
    const report = JSON.parse(stdout) as {
      machine: object;
      lines: Array<{ row: number; ratio: number; met?: boolean }>;
    };
    expect(new Set(report.lines.map((l) => l.row))).toEqual(
      new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    );
    // Every line carries a measured ratio: a row that failed its own check prints FAILED instead.
    for (const line of report.lines)
      expect(Number.isFinite(line.ratio), JSON.stringify(line)).toBe(true);
  }, 300_000);
});
