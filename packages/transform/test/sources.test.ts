import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  exportsOf,
  importSources,
  mayExportVirtualized,
  exportsReadImports,
  type ModuleExports,
} from '../src/index.js';
import { fixtureNames, loadFixture } from './helpers/fixtures.js';

/** What TypeScript's scanner finds (the list importSources must contain), plus `export * as ns from`, which it misses. */
function scanned(code: string): string[] {
  const found = ts.preProcessFile(code, true, false).importedFiles.map((f) => f.fileName);
  for (const m of code.matchAll(/\bexport\s*\*\s*as\s+[\w$]+\s*from\s*(["'])([^"'\n]+)\1/g))
    found.push(m[2]!);
  return found;
}

function filesUnder(dir: string, test: (name: string) => boolean, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(p, test, out);
    else if (test(entry.name)) out.push(p);
  }
  return out;
}

describe('importSources', () => {
  it('finds every form of import and re-export, comments between the tokens', () => {
    const code = `
      import a from './a.js'; import { b } from "./b.js"; import * as c from './c.js';
      import './side.js'; import type { T } from './types.js';
      export * from './star.js'; export * as ns from './ns.js'; export { d as e } from './d.js';
      import x = require('./cjs.js'); export import y = require("./cjs2.js"); import type z = require('./t.js');
      const lazy = () => import('./lazy.js'); import(/* chunk */ './commented.js'); import(\`./tpl.js\`);
      import data from './data.json' with { type: 'json' };
      import /* a */ f /* b */ from /* c */ './f.js'; import g from // line
        './g.js';
      import h
        = require(
          './h.js');
    `;
    expect(importSources(code)).toEqual([
      './a.js',
      './b.js',
      './c.js',
      './side.js',
      './types.js',
      './star.js',
      './ns.js',
      './d.js',
      './cjs.js',
      './cjs2.js',
      './t.js',
      './lazy.js',
      './commented.js',
      './tpl.js',
      './data.json',
      './f.js',
      './g.js',
      './h.js',
    ]);
  });

  it('reads escapes in a specifier as the string means them', () => {
    expect(
      importSources(String.raw`import a from './\x61\u0062\u{63}.js'; import b from "./q\"uote.js"; import c from './line\
break.js';`),
    ).toEqual(['./abc.js', './q"uote.js', './linebreak.js']);
  });

  it('is not hidden by a quote in a regular expression, a string or a comment before it', () => {
    const code = `const r = /'/; const s = "it's"; // don't\nimport a from './a.js';\nconst t = \`\${x}'\`; export { b } from './b.js';`;
    expect(importSources(code)).toEqual(expect.arrayContaining(['./a.js', './b.js']));
  });

  it('does not take a template with a substitution, nor a keyword inside a longer name', () => {
    expect(
      importSources(
        'import(`./${name}.js`); const transform = 1; xfrom("./no.js"); importer("./no2.js");',
      ),
    ).toEqual([]);
  });

  it('gives up on a long run of comments and spaces that leads to no string without backtracking through it', () => {
    // Ambiguous comment patterns made this exponential: vite's 1.3 MB config chunk (read below) never finished.
    const run = '/* a */ // b // c\n'.repeat(2000);
    expect(importSources(`from ${run} x; import ${run} y; import z ${run} = q;`)).toEqual([]);
    expect(importSources(`from ${run}'./m.js'`)).toEqual(['./m.js']);
  });

  it("contains everything TypeScript's scanner finds, on the fixtures, the test programs and installed packages", () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const require = createRequire(import.meta.url);
    const packageDir = (name: string): string =>
      path.dirname(require.resolve(`${name}/package.json`));
    const files = [
      ...fixtureNames().map((n) => ({ file: n, code: loadFixture(n).input })),
      ...filesUnder(path.join(here, '../../../test/programs'), (n) => /\.[mc]?tsx?$/.test(n)).map(
        (file) => ({ file, code: fs.readFileSync(file, 'utf8') }),
      ),
      ...filesUnder(path.join(packageDir('rollup'), 'dist/es'), (n) => n.endsWith('.js')).map(
        (file) => ({ file, code: fs.readFileSync(file, 'utf8') }),
      ),
      ...filesUnder(path.join(packageDir('vite'), 'dist/node'), (n) => n.endsWith('.js')).map(
        (file) => ({ file, code: fs.readFileSync(file, 'utf8') }),
      ),
    ];
    let imports = 0;
    for (const { file, code } of files) {
      const found = new Set(importSources(code));
      for (const source of scanned(code)) {
        imports++;
        expect(found.has(source), `${file}: ${source}`).toBe(true);
      }
    }
    expect(imports).toBeGreaterThan(250);
  });
});

describe('mayExportVirtualized', () => {
  const exportsWith = (code: string, resolver: Record<string, ModuleExports> = {}) =>
    exportsOf(code, '/project/src/a.ts', {
      root: '/project',
      resolver: (s) => resolver[s] ?? null,
    });

  it('is true for every fixture whose exports reach virtualized globals (a false answer hides them from importers)', () => {
    let reaching = 0;
    for (const name of fixtureNames()) {
      const f = loadFixture(name);
      if (f.error) continue;
      const exports = exportsOf(f.input, f.id, {
        root: '/project',
        resolver: (s) => f.options.resolver?.[s] ?? null,
      });
      if (!Object.keys(exports).length) continue;
      reaching++;
      expect(mayExportVirtualized(f.input), name).toBe(true);
    }
    expect(reaching).toBeGreaterThan(20);
  });

  it('is true, without the virtualize option, for every fixture whose exports depend on its imports', () => {
    // A host follows only these modules' imports: where it does not, every import answers null.
    let depending = 0;
    for (const name of fixtureNames()) {
      const f = loadFixture(name);
      if (f.error) continue;
      const options = { root: '/project' };
      const answered = exportsOf(f.input, f.id, {
        ...options,
        resolver: (s) => f.options.resolver?.[s] ?? null,
      });
      const unanswered = exportsOf(f.input, f.id, { ...options, resolver: () => null });
      if (JSON.stringify(answered) === JSON.stringify(unanswered)) continue;
      depending++;
      expect(exportsReadImports(f.input), name).toBe(true);
    }
    expect(depending).toBeGreaterThan(3);
    // The virtualize option's modules (test/virtualize: libraries, every module virtualized) are
    // held by its own test; here, a leaf that re-exports nothing.
    const leaf = "import { f } from './f';\nlet n = 0;\nexport function g() { n = f(n); }\n";
    expect(exportsReadImports(leaf)).toBe(false);
    expect(mayExportVirtualized(leaf, { virtualize: true })).toBe(true);
    expect(exportsReadImports("import { x } from './x';\nexport import y = x;\n")).toBe(true);
  });

  it('sees markers imported under a name of their own, which the text does not name', () => {
    const renamed = { './markers': { virtualized: { marker: 'VNET_DEFINE' } } } as const;
    const code =
      "import { virtualized } from './markers';\nexport let hits: number = virtualized<number>(0);\n";
    expect(exportsWith(code, renamed)).toEqual({ hits: { symbol: 'src/a.ts#hits' } });
    expect(mayExportVirtualized(code)).toBe(true);
    expect(
      mayExportVirtualized("import { f } from './f';\nexport function g() { return f(); }\n"),
    ).toBe(false);
  });
});
