import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { TransformError } from '../src/error.js';
import { parse, scriptKindFor } from '../src/phases/1-parse/parse.js';
import { fixtureNames, loadFixture } from './helpers/fixtures.js';

function syntaxError(code: string, id: string): TransformError {
  try {
    parse(code, id);
  } catch (e) {
    expect(e).toBeInstanceOf(TransformError);
    return e as TransformError;
  }
  throw new Error('expected a TransformError');
}

describe('parse', () => {
  test('returns a source file with parent pointers', () => {
    const sf = parse('let x = 1;', 'a.ts');
    expect(sf.fileName).toBe('a.ts');
    expect(sf.statements[0]!.parent).toBe(sf);
  });

  test("sets every node's parent as TypeScript's setParentNodes does, on every fixture input", () => {
    let files = 0;
    for (const dir of fixtureNames()) {
      const { input: code, id } = loadFixture(dir);
      let ours: ts.SourceFile;
      try {
        ours = parse(code, id);
      } catch {
        continue; // a fixture of a syntax error
      }
      const theirs = ts.createSourceFile(
        id,
        code,
        {
          languageVersion: ts.ScriptTarget.Latest,
          jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
        },
        true,
        scriptKindFor(id),
      );
      const parents = (sf: ts.SourceFile): string[] => {
        const out: string[] = [];
        const visit = (n: ts.Node): void => {
          out.push(`${n.pos}:${n.kind}<${n.parent ? `${n.parent.pos}:${n.parent.kind}` : '-'}`);
          ts.forEachChild(n, visit);
        };
        ts.forEachChild(sf, visit);
        return out;
      };
      expect(parents(ours), dir).toEqual(parents(theirs));
      files++;
    }
    expect(files).toBeGreaterThan(100);
  });

  test('a syntax error is VIMAGE_SYNTAX at its line and column, with the message and a fix', () => {
    const e = syntaxError('let a = 1;\nlet b = ;\n', 'src/m.ts');
    expect(e.code).toBe('VIMAGE_SYNTAX');
    expect(e.loc).toEqual({ file: 'src/m.ts', line: 2, column: 8 });
    expect(e.message).toContain('src/m.ts:2:9');
    expect(e.message).toContain('Expression expected');
    expect(e.hint).toContain('TypeScript');
    expect(e.frame).toContain('let b = ;');
  });

  test('the first of several syntax errors is reported', () => {
    const e = syntaxError('const = 1;\nfunction (', 'a.ts');
    expect(e.loc).toMatchObject({ line: 1, column: 6 });
  });

  test('JSX parses in .tsx and .jsx and .js, and is an error in .ts', () => {
    const code = 'const e = <div>{x}</div>;';
    for (const id of ['a.tsx', 'a.jsx', 'a.js', 'a.mjs'])
      expect(parse(code, id).statements).toHaveLength(1);
    const e = syntaxError(code, 'a.ts');
    expect(e.code).toBe('VIMAGE_SYNTAX');
    expect(e.loc!.line).toBe(1);
  });

  test('type assertions parse in .ts and .mts, not in .tsx', () => {
    expect(parse('const y = <number>x;', 'a.mts').statements).toHaveLength(1);
    expect(syntaxError('const y = <number>x;', 'a.tsx').code).toBe('VIMAGE_SYNTAX');
  });

  test('ids with vite query suffixes', () => {
    expect(parse('const e = <A />;', '/src/a.tsx?v=123').statements).toHaveLength(1);
    expect(syntaxError('const e = <A />;', '/src/a.ts?import').code).toBe('VIMAGE_SYNTAX');
  });
});

describe('scriptKindFor', () => {
  test.each([
    ['a.ts', ts.ScriptKind.TS],
    ['a.mts', ts.ScriptKind.TS],
    ['a.cts', ts.ScriptKind.TS],
    ['a.tsx', ts.ScriptKind.TSX],
    ['a.js', ts.ScriptKind.JS],
    ['a.mjs', ts.ScriptKind.JS],
    ['a.cjs', ts.ScriptKind.JS],
    ['a.jsx', ts.ScriptKind.JSX],
    ['A.TSX', ts.ScriptKind.TSX],
    ['/x/a.jsx?v=1', ts.ScriptKind.JSX],
    ['/x/a.ts?worker&url', ts.ScriptKind.TS],
    ['/x/App.vue?vue&type=script&setup=true&lang.tsx', ts.ScriptKind.TSX],
    ['/x/App.vue?vue&type=script&lang.js', ts.ScriptKind.JS],
    ['no-extension', ts.ScriptKind.TS],
  ])('%s', (id, kind) => {
    expect(scriptKindFor(id)).toBe(kind);
  });
});
