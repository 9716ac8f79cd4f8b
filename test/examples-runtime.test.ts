import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo, run } from './helpers/build.js';

/** The runtime README's runnable example: two jails, each with its own copy of the globals. */
describe('runtime/examples/demo.mjs', () => {
  it('gives each jail its own interface list, keeps vnet0 as it was, and runs the SYSUNINITs on destroy', async () => {
    const out = await run(path.join(repo, 'runtime/examples/demo.mjs'));
    expect(out.stderr).toBe('');
    expect(out.stdout.split('\n')).toEqual([
      'vnet0  ifnet = [lo0]',
      'jail1  ifnet = [lo0, epair1]',
      'jail2  ifnet = [lo0, vtnet1]',
      'vnet0 unchanged: {"src/net/if.ts#ifnet":["lo0"],"src/net/if.ts#if_index":1}',
      '  jail1: detaching lo0, epair1',
      '  jail2: detaching lo0, vtnet1',
      '',
    ]);
  });
});
