import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import * as bindings from '../src/ts.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs an ES module in a fresh Node process in the repository; its stdout, parsed as JSON. */
function fresh(code: string): unknown {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: repo,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

const loaded = `(await import('node:module')).createRequire(import.meta.url).cache`;
const typescriptFiles = `Object.keys(${loaded}).filter((f) => /[\\\\/]typescript[\\\\/]lib[\\\\/]/.test(f)).length`;

describe('TypeScript is loaded on first parse', () => {
  test('loading the transform or an adapter does not load it; transforming a marked module does, once', () => {
    const result = fresh(`
      const { transform } = await import('@vimage/transform');
      await import('@vimage/plugin/rollup');
      const before = ${typescriptFiles};
      const untouched = transform('export const a = 1;', '/p/a.ts', { vimage: true, root: '/p' });
      const between = ${typescriptFiles};
      const out = transform("import { VNET_DEFINE } from '@vimage/runtime';\\nexport let n = VNET_DEFINE(1);\\nexport const f = () => n++;", '/p/m.ts', { vimage: true, root: '/p' });
      console.log(JSON.stringify({ before, untouched, between, after: ${typescriptFiles}, rewritten: out.code.includes('__vimage.c[') }));
    `);
    expect(result).toEqual({ before: 0, untouched: null, between: 0, after: 1, rewritten: true });
  });

  test('every binding of ts.ts is filled by loadTypeScript()', () => {
    bindings.loadTypeScript();
    const missing = Object.entries(bindings)
      .filter(([, v]) => v === undefined)
      .map(([k]) => k);
    expect(missing).toEqual([]);
  });

  test('the tsc route and the transform share one TypeScript, loaded with require()', () => {
    const result = fresh(`
      const tsc = await import('@vimage/plugin/tsc');
      const ts = (await import('@vimage/transform/typescript')).default;
      console.log(JSON.stringify({ files: ${typescriptFiles}, version: ts.version, adapter: typeof tsc.default }));
    `);
    expect(result).toMatchObject({ files: 1, adapter: 'function' });
  });
});
