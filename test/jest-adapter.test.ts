import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTransformer } from '@vimage/plugin/jest';
import { outRoot } from './helpers/build.js';
import * as hosts from './helpers/hosts.js';
import { programOutput, runPrograms } from './helpers/jest.js';

/**
 * @vimage/plugin/jest in real jest runs: its errors (place, fix, code frame), stacks mapped back
 * to the original TypeScript through both steps, virtual:vimage/set; and its cache key.
 */
const MARKED = "import { VNET_DEFINE } from '@vimage/runtime';\n";
// Line 6, column 9: a throw after rewritten accesses on the lines before it.
const THROWS = {
  'main.ts': "import { fail } from './net';\nfail();\n",
  'net.ts':
    `${MARKED}export let hits = VNET_DEFINE(0);\n` +
    '/** @vnet */ export const seen: number[] = [];\n' +
    'export function fail() {\n  hits++; seen.push(hits); const at = `${hits}`;\n' +
    '        throw new Error(`boom ${at}`);\n}\n',
};

describe('@vimage/plugin/jest', () => {
  it('rejects bad options as every adapter does (VIMAGE_BAD_OPTION), naming itself', () => {
    const named = expect.stringContaining('@vimage/plugin/jest');
    expect(() => createTransformer({ vimage: 'yes' } as never)).toThrow(
      expect.objectContaining({ code: 'VIMAGE_BAD_OPTION', message: named }),
    );
    const typo = /@vimage\/plugin\/jest.*vimge/;
    expect(() => createTransformer({ vimge: true } as never)).toThrow(typo);
  });

  it('CommonJS mode: a bad marker fails with place, fix, frame; stacks map to the ts', async () => {
    const bad = await hosts.project('jest-adapter-bad', hosts.BAD_MARKER_PROGRAM);
    const throws = await hosts.project('jest-adapter-throws', THROWS);
    const base = path.join(outRoot, 'jest-adapter-cjs');
    const log = await runPrograms('cjs', base, [
      { name: 'bad', main: path.join(bad, 'main.ts'), options: { vimage: true, root: bad } },
      {
        name: 'throws',
        main: path.join(throws, 'main.ts'),
        options: { vimage: true, root: throws },
      },
    ]);
    const failed = await programOutput(base, 'bad', log);
    expect(failed.code).toBe(1);
    hosts.expectBadMarkerMessage(failed.stderr, bad);
    const thrown = await programOutput(base, 'throws', log);
    expect(thrown.stderr).toMatch(/^Error: boom 1\n/);
    expect(thrown.stderr).toContain(`(${path.join(throws, 'net.ts')}:6:15)`);
    // The caller's line (TypeScript's own map places a CommonJS call `(0, net_1.fail)()` at its
    // parenthesis).
    expect(thrown.stderr).toContain(`${path.join(throws, 'main.ts')}:2:`);
  });

  it('ESM mode: virtual:vimage/set lists every global its importer reaches, late too', async () => {
    const dir = await hosts.project('jest-adapter-set', hosts.LINKER_SET_PROGRAM);
    const base = path.join(outRoot, 'jest-adapter-esm');
    const main = path.join(dir, 'main.ts');
    const options = { vimage: true, root: dir };
    const log = await runPrograms('esm', base, [{ name: 'set', main, options }]);
    const out = await programOutput(base, 'set', log);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(
      '[["a.ts#a",0,"primitive"],["a.ts#list",1,"deep"],["late.ts#late",2,"primitive"],' +
        '["tagged.ts#t",3,"primitive"]] 1 2\n',
    );
  });

  it('cache key: changes with what an import exports virtualized, not otherwise', async () => {
    const dir = await hosts.project('jest-adapter-key', {
      'main.ts': "import { n } from './state';\nimport { x } from './other';\nconsole.log(n, x);\n",
      'state.ts': `${MARKED}export let n = VNET_DEFINE(1);\n`,
      'other.ts': 'export const x = 1;\n',
    });
    const t = createTransformer({ vimage: true, root: dir });
    const o = { configString: '{}', config: { cacheDirectory: path.join(dir, '.cache') } };
    const main = path.join(dir, 'main.ts');
    const code = "import { n } from './state';\nimport { x } from './other';\nconsole.log(n, x);\n";
    const first = t.getCacheKey(code, main, o);
    expect(t.process(code, main, o).code).toContain('__vimage');
    expect(t.getCacheKey(code, main, o)).toBe(first);
    await writeFile(path.join(dir, 'other.ts'), 'export const x = 2;\n');
    expect(t.getCacheKey(code, main, o)).toBe(first);
    await writeFile(path.join(dir, 'state.ts'), 'export let n = 1;\n');
    expect(t.getCacheKey(code, main, o)).not.toBe(first);
    expect(t.process(code, main, o).code).not.toContain('__vimage');
    const now = t.getCacheKey(code, main, o);
    expect(t.getCacheKey(code, main, { ...o, supportsStaticESM: true })).not.toBe(now);
    const off = createTransformer({ vimage: false, root: dir });
    expect(off.getCacheKey(code, main, o)).not.toBe(now);
  });

  it("resolves imports through the project's moduleNameMapper, as jest does", async () => {
    const dir = await hosts.project('jest-adapter-mapper', {
      'main.ts': "import { n } from '@/state';\nconsole.log(n);\n",
      'src/state.ts': `${MARKED}export let n = VNET_DEFINE(1);\n`,
    });
    const t = createTransformer({ vimage: true, root: dir });
    const main = path.join(dir, 'main.ts');
    const code = "import { n } from '@/state';\nconsole.log(n);\n";
    const config = { cacheDirectory: path.join(dir, '.cache') };
    const moduleNameMapper = [['^@/(.*)$', `${dir}/src/$1`]] as const;
    const mapped = { config: { ...config, moduleNameMapper } };
    // The read of `n` becomes a read of the current vnet's copy only when the alias resolves.
    expect(t.process(code, main, mapped).code).toMatch(/console\.log\(runtime_1\.__vimage\.c\[/);
    expect(t.process(code, main, { config }).code).toContain('console.log(state_1.n)');
  });
});
