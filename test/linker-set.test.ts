import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, repo, run } from './helpers/build.js';

/**
 * The linker set's copy kind, as the build states it (`virtual:vimage/set`, `vimage set`), never
 * contradicts the runtime's: where the initializer's syntax cannot decide, it says `dynamic`.
 */
describe('copy kind of the static linker set', () => {
  it('agrees with linkerSet() wherever it is not dynamic, and is dynamic for calls and class instances', async () => {
    const build = await bundle(path.join(repo, 'test/linker-set'), { vimage: true });
    const out = await run(build.entry);
    expect(out.stderr).toBe('');
    const rows = out.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(' '));
    expect(rows.map(([name, built, live]) => `${name} ${built} ${live}`)).toEqual([
      // A class with a #private field is shared at run time; syntax cannot tell it from another class.
      'conn dynamic shared',
      'plain dynamic deep',
      'made dynamic deep',
      'proto dynamic shared',
      'obj deep deep',
      'arr deep deep',
      'map deep deep',
      'bytes deep deep',
      're deep deep',
      'weak shared shared',
      'fn shared shared',
      'n primitive primitive',
      's primitive primitive',
      'none primitive primitive',
    ]);
  });
});
