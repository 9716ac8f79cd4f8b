import { Node, ts, VariableDeclarationKind, type Identifier, type SourceFile, type VariableDeclaration } from 'ts-morph';
import { isAssignmentTarget, isMutation } from './usage.js';

/** Where in the file: 1-based line and column. */
export interface Pos {
  line: number;
  column: number;
}

/** A declaration the codemod marks with VNET_DEFINE. */
export interface Mark extends Pos {
  name: string;
  keyword: 'let' | 'var' | 'const';
  reason: 'reassigned' | 'mutated';
  /** The first write or mutation that made it state. */
  at: Pos;
  decl: VariableDeclaration;
}

/** Module-level state the codemod leaves alone, and why. */
export interface Skip extends Pos {
  name: string;
  reason: string;
}

export interface Found {
  marks: Mark[];
  skipped: Skip[];
}

const RUNTIME = '@vimage/runtime';

/**
 * Module-level `let`/`var` the module itself reassigns (ESM importers cannot), and with
 * `objects` module-level object, array, Map and Set values it mutates. References come from
 * TypeScript's language service, so shadowing locals never count.
 */
export function findState(sf: SourceFile, objects: boolean): Found {
  const marks: Mark[] = [];
  const skipped: Skip[] = [];
  const markers = markerNames(sf);
  const counts = new Map<string, number>();
  for (const stmt of sf.getVariableStatements()) for (const d of stmt.getDeclarations()) counts.set(d.getName(), (counts.get(d.getName()) ?? 0) + 1);
  for (const stmt of sf.getVariableStatements()) {
    const kind = stmt.getDeclarationKind();
    if (stmt.hasDeclareKeyword() || kind === VariableDeclarationKind.Using || kind === VariableDeclarationKind.AwaitUsing) continue;
    if (stmt.getJsDocs().some((doc) => doc.getTags().some((t) => t.getTagName() === 'vnet'))) continue;
    for (const decl of stmt.getDeclarations()) {
      const nameNode = decl.getNameNode();
      const init = decl.getInitializer();
      if (init && isMarkerCall(init.compilerNode, markers)) continue;
      if (!Node.isIdentifier(nameNode)) {
        const written = nameNode.getDescendantsOfKind(ts.SyntaxKind.Identifier).filter((id) => Node.isBindingElement(id.getParent()) && firstUse(id, kind === VariableDeclarationKind.Const ? 'mutation' : 'write'));
        if (written.length) skipped.push({ name: nameNode.getText(), ...pos(sf, nameNode), reason: 'a destructuring declaration cannot be marked: declare each global on its own, e.g. `let a = o.a`' });
        continue;
      }
      const name = nameNode.getText();
      if ((counts.get(name) ?? 0) > 1) {
        skipped.push({ name, ...pos(sf, nameNode), reason: 'declared more than once at module level: keep one declaration, then run again' });
        continue;
      }
      const write = kind === VariableDeclarationKind.Const ? undefined : firstUse(nameNode, 'write');
      if (write) {
        marks.push({ name, keyword: kind as Mark['keyword'], reason: 'reassigned', at: pos(sf, write), decl, ...pos(sf, nameNode) });
        continue;
      }
      if (!objects) continue;
      const mutation = firstUse(nameNode, 'mutation');
      if (!mutation) continue;
      if (init && isObjectValue(init.compilerNode)) {
        marks.push({ name, keyword: kind as Mark['keyword'], reason: 'mutated', at: pos(sf, mutation), decl, ...pos(sf, nameNode) });
      } else {
        skipped.push({ name, ...pos(sf, nameNode), reason: `mutated at ${fmt(pos(sf, mutation))}, but its initializer is not an object, array, Map or Set literal: mark it by hand if each vnet needs its own` });
      }
    }
  }
  return { marks, skipped };
}

/** The first reference in this file that writes (or mutates) the binding, in source order. */
function firstUse(nameNode: Identifier, what: 'write' | 'mutation'): Node | undefined {
  const file = nameNode.getSourceFile();
  const refs = nameNode
    .findReferencesAsNodes()
    .filter((r) => r.getSourceFile() === file && r !== nameNode)
    .sort((a, b) => a.getStart() - b.getStart());
  return refs.find((r) => (what === 'write' ? isAssignmentTarget(r.compilerNode) : isMutation(r.compilerNode)));
}

/** `{...}`, `[...]`, `new Map(...)`, `new Set(...)`: values a vnet copies deeply. */
function isObjectValue(init: ts.Expression): boolean {
  const e = climbInto(init);
  if (ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e)) return true;
  return ts.isNewExpression(e) && ts.isIdentifier(e.expression) && (e.expression.text === 'Map' || e.expression.text === 'Set');
}

function climbInto(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

/** Local names (and namespaces) under which the runtime's VNET_DEFINE is imported. */
function markerNames(sf: SourceFile): { names: Set<string>; namespaces: Set<string> } {
  const names = new Set<string>();
  const namespaces = new Set<string>();
  for (const d of sf.getImportDeclarations()) {
    if (d.getModuleSpecifierValue() !== RUNTIME) continue;
    for (const n of d.getNamedImports()) if (n.getName() === 'VNET_DEFINE') names.add(n.getAliasNode()?.getText() ?? 'VNET_DEFINE');
    const ns = d.getNamespaceImport();
    if (ns) namespaces.add(ns.getText());
  }
  return { names, namespaces };
}

function isMarkerCall(init: ts.Expression, m: { names: Set<string>; namespaces: Set<string> }): boolean {
  const e = climbInto(init);
  if (!ts.isCallExpression(e)) return false;
  const callee = e.expression;
  if (ts.isIdentifier(callee)) return m.names.has(callee.text);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && m.namespaces.has(callee.expression.text) && callee.name.text === 'VNET_DEFINE';
}

function pos(sf: SourceFile, node: Node): Pos {
  const lc = sf.getLineAndColumnAtPos(node.getStart());
  return { line: lc.line, column: lc.column };
}

export const fmt = (p: Pos): string => `${p.line}:${p.column}`;
