import { describe, expect, it } from 'vitest';
import type { ModuleExports } from '@vimage/transform';
import { ModuleExportsRule } from '../src/core/exports.js';

const marker = "import { VNET_DEFINE } from '@vimage/runtime';\n";
const sources: Record<string, string> = {
  '/p/a.ts': `${marker}export * from './b';\nexport let alpha = VNET_DEFINE(0);\n`,
  '/p/b.ts': `${marker}export * from './a';\nexport let beta = VNET_DEFINE(0);\n`,
  '/p/bad.ts': `${marker}export let broken = VNET_DEFINE();\n`,
};
const rule = (onError?: () => ModuleExports) =>
  new ModuleExportsRule({
    code: (file) => sources[file],
    resolve: (source) => `/p/${source.slice(2)}.ts`,
    optionsFor: () => ({ vimage: true, root: '/p' }),
    ...(onError && { onError }),
  });

describe('ModuleExportsRule', () => {
  it('answers both sides of an export * cycle in full, whichever is asked first', () => {
    for (const order of [
      ['/p/a.ts', '/p/b.ts'],
      ['/p/b.ts', '/p/a.ts'],
    ]) {
      const r = rule();
      for (const file of order) expect(Object.keys(r.of(file)).sort()).toEqual(['alpha', 'beta']);
    }
  });

  it("passes a module's own error on, unless the host answers for it", () => {
    expect(() => rule().of('/p/bad.ts')).toThrow(/VNET_DEFINE/);
    expect(rule(() => ({})).of('/p/bad.ts')).toEqual({});
  });
});
