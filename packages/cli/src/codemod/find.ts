import { findModuleState } from '@vimage/transform';
import { ts, type SourceFile, type VariableDeclaration } from 'ts-morph';

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
 * @vimage/transform: reassigned `let`/`var`, and with `objects` bindings whose object the module
 * may change), less what a `VNET_DEFINE(...)` around one initializer cannot express, which is
 * reported. ts-morph is kept for the edits: each finding is mapped to its declaration by offset.
 */
export function findState(sf: SourceFile, objects: boolean): Found {
  const marks: Mark[] = [];
  const skipped: Skip[] = [];
  const skip = (name: string, offset: number, reason: string) =>
    skipped.push({ name, ...pos(sf, offset), reason });
  for (const s of findModuleState(sf.getFullText(), sf.getFilePath(), { objects })) {
    const at = pos(sf, s.at);
    if (s.keyword === 'static') {
      skip(
        s.name,
        s.declared,
        `assigned at ${fmt(at)}: a static field is marked with the @vnet decorator, by hand ` +
          '(it needs a tool that lowers decorators)',
      );
      continue;
    }
    const decl = sf
      .getDescendantAtPos(s.declared)
      ?.getFirstAncestorByKind(ts.SyntaxKind.VariableDeclaration);
    if (!decl) continue;
    const stmt = decl.getVariableStatement();
    if (stmt?.hasDeclareKeyword()) continue;
    const why = `${s.reason} at ${fmt(at)}, but`;
    if (s.destructured) {
      const pattern = decl.getNameNode().getText();
      skip(
        s.name,
        s.declared,
        `${why} declared by the destructuring \`${pattern}\`, which no marker can wrap: ` +
          `declare it on its own, e.g. \`let ${s.name} = o.${s.name}\``,
      );
    } else if (s.redeclared) {
      skip(
        s.name,
        s.declared,
        'declared more than once at module level: keep one declaration, then run again',
      );
    } else if (!stmt || stmt.getParent() !== sf) {
      skip(
        s.name,
        s.declared,
        `${why} not declared by a statement at the module's top level (a block or a for ` +
          'head): move the declaration there, then run again',
      );
    } else {
      marks.push({
        name: s.name,
        keyword: s.keyword,
        reason: s.reason,
        at,
        decl,
        ...pos(sf, s.declared),
      });
    }
  }
  return { marks, skipped };
}

function pos(sf: SourceFile, offset: number): Pos {
  const lc = sf.getLineAndColumnAtPos(offset);
  return { line: lc.line, column: lc.column };
}

export const fmt = (p: Pos): string => `${p.line}:${p.column}`;
