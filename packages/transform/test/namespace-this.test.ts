/**
 * `ns.f()` through a namespace import calls f with this = the namespace, as unbundled ES
 * modules do (rollup and esbuild bundles call it with this undefined in the plain build too, so
 * test/programs cannot hold it). Two transformed modules run by Node as they are, both modes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportsOf, transform } from '../src/index.js';

const repo = path.resolve(fileURLToPath(import.meta.url), '../../../..');

const api = `import { VNET_DEFINE } from '@vimage/runtime';
export let count = VNET_DEFINE(1);
export const bump = VNET_DEFINE(function (by) { count += by; return this.count; });
export const tag = VNET_DEFINE(function (parts) { return parts.join('|') + ':' + this.count; });
`;
const main = `import * as api from './api.mjs';
const direct = api.bump(2);
const optional = api.bump?.(3);
const tagged = api.tag\`a\${0}b\`;
console.log(JSON.stringify({ direct, optional, tagged, count: api.count }));
`;

describe('a call through a namespace import', () => {
  for (const vimage of [false, true]) {
    it(`gets this = the namespace, whose members are current (VIMAGE ${vimage ? 'on' : 'off'})`, () => {
      const dir = path.join(repo, `test/.out/namespace-this-${vimage ? 'on' : 'off'}`);
      mkdirSync(dir, { recursive: true });
      const options = { vimage, root: dir };
      const apiExports = exportsOf(api, path.join(dir, 'api.mjs'), options);
      const resolver = (source: string) => (source === './api.mjs' ? apiExports : null);
      writeFileSync(
        path.join(dir, 'api.mjs'),
        transform(api, path.join(dir, 'api.mjs'), options)!.code,
      );
      const out = transform(main, path.join(dir, 'main.mjs'), { ...options, resolver })!.code;
      if (vimage) expect(out).toContain('.call(');
      writeFileSync(path.join(dir, 'main.mjs'), out);
      const printed = execFileSync(process.execPath, [path.join(dir, 'main.mjs')], {
        encoding: 'utf8',
      });
      expect(JSON.parse(printed)).toEqual({ direct: 3, optional: 6, tagged: 'a|b:6', count: 6 });
    });
  }
});
