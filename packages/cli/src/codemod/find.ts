import { findModuleState } from '@vimage/transform';
import { ts, type Node, type SourceFile, type VariableDeclaration } from 'ts-morph';

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

/**
 * The module's state as the plugin's `virtualize` option finds it (one rule, `findModuleState` of
 * @vimage/transform: reassigned `let`/`var`, and with `objects` bindings whose object the module may
 * change), less what a `VNET_DEFINE(...)` around one initializer cannot express, which is reported.
 * ts-morph is kept for the edits: each finding is mapped to its declaration by offset.
 */
export function findState(sf: SourceFile, objects: boolean): Found {
  const marks: Mark[] = [];
  const skipped: Skip[] = [];
  for (const s of findModuleState(sf.getFullText(), sf.getFilePath(), { objects })) {
    const decl = sf.getDescendantAtPos(s.declared)?.getFirstAncestorByKind(ts.SyntaxKind.VariableDeclaration);
    if (!decl) continue;
    const stmt = decl.getVariableStatement();
    if (stmt?.hasDeclareKeyword()) continue;
    const at = pos(sf, s.at);
    const skip = (name: string, node: Node, reason: string) => skipped.push({ name, ...pos(sf, node.getStart()), reason });
    if (s.destructured) {
      const name = sf.getDescendantAtPos(s.declared)!;
      skip(s.name, name, `${s.reason} at ${fmt(at)}, but declared by the destructuring \`${decl.getNameNode().getText()}\`, which no marker can wrap: declare it on its own, e.g. \`let ${s.name} = o.${s.name}\``);
    } else if (s.redeclared) {
      skip(s.name, decl.getNameNode(), 'declared more than once at module level: keep one declaration, then run again');
    } else if (!stmt || stmt.getParent() !== sf) {
      skip(s.name, decl.getNameNode(), `${s.reason} at ${fmt(at)}, but not declared by a statement at the module's top level (a block or a for head): move the declaration there, then run again`);
    } else {
      marks.push({ name: s.name, keyword: s.keyword, reason: s.reason, at, decl, ...pos(sf, s.declared) });
    }
  }
  return { marks, skipped };
}

function pos(sf: SourceFile, offset: number): Pos {
  const lc = sf.getLineAndColumnAtPos(offset);
  return { line: lc.line, column: lc.column };
}

export const fmt = (p: Pos): string => `${p.line}:${p.column}`;
