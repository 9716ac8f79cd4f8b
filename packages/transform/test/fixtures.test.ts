/**
 * The fixture corpus: one folder per behaviour under test/fixtures/ (see the package README).
 * Each folder is run with VIMAGE off and on, and the exact output is compared with
 * expected.off.<ext> / expected.on.<ext>, or the TransformError with error.json, or null with
 * expected.null (or expected.off.null / expected.on.null for one mode). `UPDATE_FIXTURES=1` rewrites the expected outputs; read every one before
 * committing it: a snapshot of a wrong output is a bug, not a fixture.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { scriptKindFor } from '../src/phases/1-parse/parse.js';
import { describe, expect, it } from 'vitest';
import {
  exportsOf,
  transform,
  TransformError,
  type ModuleExports,
  type TransformResult,
} from '../src/index.js';
import {
  fixtureNames,
  loadFixture,
  optionsFor,
  type ErrorSpec,
  type Fixture,
  type Mode,
} from './helpers/fixtures.js';

const UPDATE = !!process.env.UPDATE_FIXTURES;

function syntaxDiagnostics(code: string, ext: string): string[] {
  const sf = ts.createSourceFile(
    `output.${ext}`,
    code,
    ts.ScriptTarget.Latest,
    true,
    scriptKindFor(`output.${ext}`),
  );
  const diagnostics = (sf as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] })
    .parseDiagnostics;
  return diagnostics.map((d) => {
    const at = sf.getLineAndCharacterOfPosition(d.start);
    return `${at.line + 1}:${at.character}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** The one-line prologue the transform inserts: the linker import and the register call. */
const PROLOGUE =
  /(?:import \{ __vimage(?: as [\w$]+)? \} from "[^"]*";|const \{ __vimage: [\w$]+ \} = require\("[^"]*"\);)(?:const \[[\w$, ]*\] = )?[\w$]+\.register\(.*?\);/g;

function removePrologue(code: string): string {
  const found = code.match(PROLOGUE) ?? [];
  expect(found, 'exactly one prologue').toHaveLength(1);
  return code.replace(PROLOGUE, '');
}

/**
 * The input with its markers removed, computed independently of the transform: a top-level
 * `VNET_DEFINE(v)` call (under any local name, or `rt.VNET_DEFINE` / `rt['VNET_DEFINE']`) becomes `v`, a `@vnet`
 * decorator goes with the spaces after it, a `/** @vnet *\/` comment goes with the spaces
 * after it, and a `@vnet` tag beside other text in a comment goes alone.
 */
function stripMarkers(
  code: string,
  ext: string,
  resolver: Record<string, ModuleExports> = {},
): string {
  const sf = ts.createSourceFile(
    `input.${ext}`,
    code,
    ts.ScriptTarget.Latest,
    true,
    scriptKindFor(`input.${ext}`),
  );
  const local = new Map<string, string>();
  const namespaces = new Set<string>();
  // A local module that re-exports markers (its resolver entries say `marker`) counts as the runtime.
  const markerOf = (source: string, name: string): string | undefined => {
    if (source === '@vimage/runtime') return name;
    const t = resolver[source]?.[name];
    return t && 'marker' in t ? t.marker : undefined;
  };
  const reexportsMarkers = (source: string) =>
    Object.values(resolver[source] ?? {}).some((t) => 'marker' in t);
  for (const s of sf.statements) {
    if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference)) {
      if ((s.moduleReference.expression as ts.StringLiteral).text === '@vimage/runtime')
        namespaces.add(s.name.text);
      continue;
    }
    if (!ts.isImportDeclaration(s)) continue;
    const source = (s.moduleSpecifier as ts.StringLiteral).text;
    if (source !== '@vimage/runtime' && !reexportsMarkers(source)) continue;
    const nb = s.importClause?.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) namespaces.add(nb.name.text);
    else if (nb) {
      for (const e of nb.elements) {
        const marker = markerOf(source, (e.propertyName ?? e.name).text);
        if (marker) local.set(e.name.text, marker);
      }
    }
  }
  const markerName = (e: ts.Expression): string | undefined => {
    if (ts.isIdentifier(e)) return local.get(e.text);
    if (
      ts.isPropertyAccessExpression(e) &&
      ts.isIdentifier(e.expression) &&
      namespaces.has(e.expression.text)
    )
      return e.name.text;
    if (
      ts.isElementAccessExpression(e) &&
      ts.isIdentifier(e.expression) &&
      namespaces.has(e.expression.text) &&
      ts.isStringLiteral(e.argumentExpression)
    ) {
      return e.argumentExpression.text;
    }
    return undefined;
  };
  const cuts: [number, number][] = [];
  const skipSpaces = (pos: number): number => {
    while (code[pos] === ' ' || code[pos] === '\t') pos++;
    return pos;
  };
  for (const s of sf.statements) {
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      const init = d.initializer;
      if (
        init &&
        ts.isCallExpression(init) &&
        markerName(init.expression) === 'VNET_DEFINE' &&
        init.arguments.length === 1
      ) {
        cuts.push(
          [init.getStart(sf), init.arguments[0]!.getStart(sf)],
          [init.arguments[0]!.end, init.end],
        );
      }
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isDecorator(node) && markerName(node.expression) === 'vnet')
      cuts.push([node.getStart(sf), skipSpaces(node.end)]);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  for (const m of code.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const text = m[0];
    const at = text.search(/@vnet(?![\w$-])/);
    if (at < 0) continue;
    const rest = text.slice(0, at) + text.slice(at + 5);
    if (/^\/\*\*[\s*]*\*\/$/.test(rest)) cuts.push([m.index, skipSpaces(m.index + text.length)]);
    else cuts.push([m.index + at, m.index + at + 5]);
  }
  cuts.sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  for (const [start, end] of cuts) {
    out += code.slice(from, start);
    from = end;
  }
  return out + code.slice(from);
}

const lineCount = (s: string): number => s.split('\n').length;

function run(f: Fixture, mode: Mode): TransformResult | null {
  return transform(f.input, f.id, optionsFor(f, mode));
}

function checkError(f: Fixture, mode: Mode, spec: ErrorSpec): void {
  let thrown: unknown;
  try {
    run(f, mode);
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `vimage ${mode} must throw ${spec.code}`).toBeInstanceOf(TransformError);
  const e = thrown as TransformError;
  expect({ code: e.code, line: e.loc?.line, column: e.loc?.column }).toEqual({
    code: spec.code,
    line: spec.line,
    column: spec.column,
  });
  expect(e.loc?.file).toBe(f.id);
  expect(e.message).toContain(spec.message);
  // What is wrong, where, and how to fix it, with a code frame pointing at the place.
  expect(e.message).toContain(`${f.id}:${spec.line}:${spec.column + 1}: `);
  expect(e.hint.length).toBeGreaterThan(10);
  expect(e.message).toContain(`fix: ${e.hint}`);
  expect(e.frame).toContain('^');
}

function checkOutput(f: Fixture, mode: Mode): void {
  const result = run(f, mode);
  const expectedFile = path.join(f.dir, `expected.${mode}.${f.ext}`);
  if (UPDATE && !f.known[mode]) {
    const both = path.join(f.dir, 'expected.null');
    if (result === null) {
      if (!fs.existsSync(both)) fs.writeFileSync(path.join(f.dir, `expected.${mode}.null`), '');
      fs.rmSync(expectedFile, { force: true });
    } else {
      fs.writeFileSync(expectedFile, result.code);
      fs.rmSync(path.join(f.dir, `expected.${mode}.null`), { force: true });
      // Null in the other mode only, now.
      if (fs.existsSync(both))
        fs.renameSync(both, path.join(f.dir, `expected.${mode === 'on' ? 'off' : 'on'}.null`));
      if (f.meta && mode === 'on')
        fs.writeFileSync(
          path.join(f.dir, 'meta.json'),
          `${JSON.stringify(result.meta, null, 2)}\n`,
        );
    }
    f.expectNull[mode] = result === null;
  }
  if (f.expectNull[mode]) {
    expect(result).toBeNull();
    if (f.meta) {
      // A null result has no meta; what importers resolve through the module is exportsOf.
      expect(Object.keys(f.meta)).toEqual(['exports']);
      expect(exportsOf(f.input, f.id, optionsFor(f, mode))).toEqual(f.meta.exports);
    }
    return;
  }
  expect(result, `vimage ${mode} returned null; add expected.null if that is right`).not.toBeNull();
  const { code, map, meta } = result!;
  expect(code).toBe(fs.readFileSync(expectedFile, 'utf8'));
  expect(syntaxDiagnostics(code, f.ext)).toEqual([]);
  // The prologue shares the first line: no original line moves.
  expect(lineCount(code)).toBe(lineCount(f.input));
  expect(map).not.toBeNull();
  expect(map!.sources.map((s) => path.basename(s))).toEqual([path.basename(f.id)]);
  expect(map!.sourcesContent).toEqual([f.input]);
  if (mode === 'off') {
    // VIMAGE off changes no byte but the markers and the one-line prologue.
    expect(removePrologue(code)).toBe(stripMarkers(f.input, f.ext, f.options.resolver));
  }
  expect(meta.vimage).toBe(mode === 'on');
  if (f.meta) expect(meta).toEqual({ ...f.meta, vimage: mode === 'on' });
}

const names = fixtureNames();

describe('fixtures', () => {
  it('the corpus has at least 70 behaviours', () => {
    expect(names.length).toBeGreaterThanOrEqual(70);
  });
});

for (const name of names) {
  const f = loadFixture(name);
  describe(`${name}: ${f.description}`, () => {
    for (const mode of ['off', 'on'] as const) {
      const known = f.known[mode];
      const test = known ? it.fails : it;
      const title = `vimage ${mode}${known ? ` (KNOWN: ${known})` : ''}`;
      test(title, () => {
        if (f.error && (f.error.vimage === undefined || f.error.vimage === (mode === 'on')))
          checkError(f, mode, f.error);
        else checkOutput(f, mode);
      });
    }
  });
}
