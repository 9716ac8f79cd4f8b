import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportsReadImports, type ModuleExports } from '@vimage/transform';
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

describe('exportsReadImports', () => {
  const modules = path.resolve(fileURLToPath(import.meta.url), '../../../node_modules');

  it('leaves out no import of a virtualized library that its exports depend on', () => {
    // Every module of three libraries and of the virtualize tests' own (test/virtualize/*/lib,
    // which re-export automatic globals) virtualized, as the virtualize option does: what each
    // exports is the same whether the rule may read every import or only those of the modules
    // exportsReadImports names (the exports graph resolves no others).
    const options = { vimage: true, root: modules, virtualize: { objects: true } };
    const texts = new Map<string, string | undefined>();
    const code = (file: string) => {
      if (!texts.has(file)) texts.set(file, readText(file));
      return texts.get(file);
    };
    const resolve = (source: string, importer: string) => {
      if (!source.startsWith('.')) return null;
      const file = path.resolve(path.dirname(importer), source);
      return ['', '.js', '.ts'].map((ext) => file + ext).find((f) => code(f) !== undefined) ?? null;
    };
    const rule = (every: boolean) =>
      new ModuleExportsRule({
        code,
        resolve: (source, importer) =>
          every || exportsReadImports(code(importer) ?? '') ? resolve(source, importer) : null,
        optionsFor: () => options,
      });
    const [all, some] = [rule(true), rule(false)];
    let reaching = 0;
    const own = path.join(modules, '../test/virtualize');
    const dirs = [
      ...['date-fns', 'lodash-es', 'rxjs/dist/esm'].map((d) => path.join(modules, d)),
      ...readdirSync(own).map((d) => path.join(own, d, 'lib')),
    ];
    for (const root of dirs) {
      let names: string[];
      try {
        names = readdirSync(root, { recursive: true, encoding: 'utf8' });
      } catch {
        continue; // a test of test/virtualize with no lib folder
      }
      for (const name of names) {
        if (!/\.[jt]s$/.test(name)) continue;
        const file = path.join(root, name);
        if (code(file) === undefined) continue; // a folder named like a module
        const exports = all.of(file);
        if (Object.keys(exports).length) reaching++;
        expect(some.of(file), file).toEqual(exports);
      }
    }
    expect(reaching).toBeGreaterThan(4);
  });
});

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
