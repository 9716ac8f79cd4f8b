import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { graft } from '../src/tsc/graft.js';

/**
 * The tsc adapter grafts the core's output onto the original, bound tree instead of parsing
 * it anew. Whatever it reuses, TypeScript must print the same program: for every fixture of
 * the transform corpus and both modes, emitting the input with the expected output grafted
 * gives what compiling the expected output directly gives (whitespace aside: a rebuilt
 * block may print on one line). verbatimModuleSyntax, so that neither side elides imports.
 */
const fixtures = path.resolve(
  fileURLToPath(import.meta.url),
  '../../../packages/transform/test/fixtures',
);
const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Preserve,
  verbatimModuleSyntax: true,
  removeComments: true,
  useDefineForClassFields: true,
  jsx: ts.JsxEmit.Preserve,
  allowJs: true,
  noResolve: true,
  noLib: true,
  types: [],
  outDir: path.join(fixtures, '../../../../test/.out/tsc-graft'),
};

function emitGrafted(file: string, code: string): string {
  const program = ts.createProgram([file], options);
  let out = '';
  const result = program.emit(
    program.getSourceFile(file),
    (name, text) => void (/\.[cm]?jsx?$/.test(name) && (out = text)),
    undefined,
    false,
    {
      before: [(context) => (sf) => graft(sf, code, context)],
    },
  );
  expect(result.emitSkipped).toBe(false);
  return out;
}

// Whitespace aside, and the printer's choice of parentheses around a lone arrow parameter.
const flat = (js: string) => js.replace(/\s+/g, ' ').replace(/\(([\w$]+)\) =>/g, '$1 =>');

describe('grafted trees print as the transformed text', () => {
  for (const name of readdirSync(fixtures).sort()) {
    const dir = path.join(fixtures, name);
    const input = readdirSync(dir).find((f) => f.startsWith('input.'));
    if (!input) continue;
    const ext = path.extname(input);
    for (const mode of ['off', 'on']) {
      const expected = path.join(dir, `expected.${mode}${ext}`);
      // Fixtures of errors and of untouched files have no expected output in that mode.
      if (!existsSync(expected)) continue;
      it(`${name} (VIMAGE ${mode})`, () => {
        const code = readFileSync(expected, 'utf8');
        const file = path.join(dir, input);
        const direct = ts.transpileModule(code, {
          compilerOptions: options,
          fileName: file,
        }).outputText;
        expect(flat(emitGrafted(file, code))).toBe(flat(direct));
      });
    }
  }
});
