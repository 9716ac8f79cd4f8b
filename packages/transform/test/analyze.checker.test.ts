import ts from 'typescript';
import { expect, test } from 'vitest';
import { analyzeCode } from './helpers/analyze.js';

/** Many scope kinds and shadowings in one module, to resolve with both the analysis and TypeScript. */
const CORPUS = `
import { a, b as bb } from './dep';
import * as ns from './dep';
export let x = 1;
var v = x;
function f(p = x, { q, r: [s] = [p] }: any = {}, ...rest: any[]) {
  let x = p + q + s + rest.length + arguments.length;
  { var h = x; let x2 = h; function inner() { return x2 + h } inner(); }
  const g = (x: number) => x + v;
  switch (x) { case 1: let v = 2; v++; break; default: v = 3 }
  try { f() } catch ({ message: x }) { x } finally { x }
  for (let x = 0; x < 1; x++) { x }
  for (const k in { x }) k;
  return function named() { return named; };
}
class C extends (a as any) {
  static s = C;
  #p = bb;
  static { var t = C.s; t; }
  m(c = C) { return [c, this.#p, ns.a]; }
}
const E2 = class Inner { static i = Inner; };
enum Color { Red, Green = Red + 1 }
namespace Space { export const z = Color.Green; z; }
let obj = { x, v, [x]: x };
[x, v] = [v, x];
({ x, v = 1 } = obj as any);
export { v as vv, f };
export default C;
`;

const DEP = 'export const a = 1; export const b = 2;';

function program(code: string): { checker: ts.TypeChecker; sf: ts.SourceFile } {
  const files = new Map([
    ['/m.ts', code],
    ['/dep.ts', DEP],
  ]);
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    noLib: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (name, target) => {
    const text = files.get(name);
    return text === undefined ? undefined : ts.createSourceFile(name, text, target, true);
  };
  host.fileExists = (name) => files.has(name);
  host.readFile = (name) => files.get(name);
  host.getCurrentDirectory = () => '/';
  const p = ts.createProgram(['/m.ts'], options, host);
  return { checker: p.getTypeChecker(), sf: p.getSourceFile('/m.ts')! };
}

/** The declared name node TypeScript resolves a value reference to. */
function checkerTarget(checker: ts.TypeChecker, id: ts.Identifier): ts.Node | undefined {
  const parent = id.parent;
  const symbol = ts.isShorthandPropertyAssignment(parent)
    ? checker.getShorthandAssignmentValueSymbol(parent)
    : ts.isExportSpecifier(parent)
      ? checker.getExportSpecifierLocalTargetSymbol(parent)
      : checker.getSymbolAtLocation(id);
  const decl = symbol?.declarations?.[0];
  return decl && ((decl as { name?: ts.Node }).name ?? decl);
}

test('every reference resolves to the declaration TypeScript resolves it to', () => {
  const a = analyzeCode(CORPUS, '/m.ts');
  const { checker, sf } = program(CORPUS);
  // Same text, so positions identify nodes across the two parses.
  const at = (n: ts.Node | undefined): number | undefined => n?.getStart();
  let compared = 0;
  for (const ref of a.references) {
    const mine = ref.binding?.identifier;
    const twin = findIdentifier(sf, ref.node.getStart());
    const theirs = checkerTarget(checker, twin);
    if (ref.binding?.kind === 'arguments') {
      expect(theirs).toBeUndefined();
      continue;
    }
    expect({ name: ref.node.text, at: ref.node.getStart(), decl: at(mine) }).toEqual({
      name: ref.node.text,
      at: ref.node.getStart(),
      decl: at(theirs),
    });
    compared++;
  }
  expect(compared).toBeGreaterThan(50);
});

function findIdentifier(sf: ts.SourceFile, pos: number): ts.Identifier {
  let found: ts.Identifier | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.getStart() === pos) found = n;
    else if (n.pos <= pos && pos < n.end) ts.forEachChild(n, visit);
  };
  visit(sf);
  return found!;
}
