import MagicString from 'magic-string';
import { Node, ts, type SourceFile } from 'ts-morph';
import { RUNTIME_MODULE as RUNTIME } from '@vimage/transform';
import type { Mark } from './find.js';

export interface Edited {
  code: string;
  /** What happened to the runtime import: a new line, a name added to one, or one already there. */
  import: 'added' | 'extended' | 'present';
  /**
   * An offset in `code` as an offset in the original text (text it inserted maps to where it went).
   */
  original(offset: number): number;
}

/** Text inserted at, or removed from, an offset of the original. */
type Edit = { at: number; insert: string } | { at: number; remove: number };

/**
 * magic-string with a record of its edits, to map diagnostics on the result back to the original.
 */
class Editor {
  readonly ms: MagicString;
  private readonly edits: Edit[] = [];
  constructor(text: string) {
    this.ms = new MagicString(text);
  }
  insert(at: number, text: string): void {
    this.ms.appendLeft(at, text);
    this.edits.push({ at, insert: text });
  }
  remove(start: number, end: number): void {
    this.ms.remove(start, end);
    this.edits.push({ at: start, remove: end - start });
  }
  original(offset: number): number {
    let shift = 0;
    for (const e of [...this.edits].sort((a, b) => a.at - b.at)) {
      const start = e.at + shift;
      if (offset < start) break;
      if ('insert' in e) {
        if (offset < start + e.insert.length) return e.at;
        shift += e.insert.length;
      } else {
        shift -= e.remove;
      }
    }
    return offset - shift;
  }
}

/**
 * Wraps each initializer in VNET_DEFINE(...) and adds the import, with magic-string: every
 * byte not edited (formatting, comments, blank lines) stays as it was.
 */
export function applyMarks(sf: SourceFile, marks: Mark[]): Edited {
  const ed = new Editor(sf.getFullText());
  const { callee, status } = importMarker(sf, ed);
  const js = /\.[cm]?jsx?$/.test(sf.getFilePath());
  for (const m of marks) {
    const init = m.decl.getInitializer();
    if (init) {
      ed.insert(init.getStart(), `${callee}(`);
      ed.insert(init.getEnd(), ')');
      continue;
    }
    // `let x!: T` cannot keep its definite-assignment `!` once it has an initializer.
    const bang = m.decl.getExclamationTokenNode();
    if (bang) ed.remove(bang.getStart(), bang.getEnd());
    const type = m.decl.getTypeNode();
    // The value stays undefined as before; the type argument keeps the declared type for tsc.
    const value = js
      ? `${callee}(undefined)`
      : !type
        ? `${callee}<any>(undefined)`
        : `${callee}<${type.getText()}>(undefined${admitsUndefined(type.compilerNode) ? '' : '!'})`;
    ed.insert(m.decl.getEnd(), ` = ${value}`);
  }
  return { code: ed.ms.toString(), import: status, original: (offset) => ed.original(offset) };
}

/** `T | undefined`, `any`, `unknown`: a type that `undefined` is assignable to without `!`. */
function admitsUndefined(type: ts.TypeNode): boolean {
  if (
    type.kind === ts.SyntaxKind.AnyKeyword ||
    type.kind === ts.SyntaxKind.UnknownKeyword ||
    type.kind === ts.SyntaxKind.UndefinedKeyword
  )
    return true;
  if (ts.isParenthesizedTypeNode(type)) return admitsUndefined(type.type);
  return ts.isUnionTypeNode(type) && type.types.some(admitsUndefined);
}

/** The name to call VNET_DEFINE by, adding or extending the runtime import when needed. */
function importMarker(sf: SourceFile, ed: Editor): { callee: string; status: Edited['import'] } {
  const runtime = sf
    .getImportDeclarations()
    .filter((d) => d.getModuleSpecifierValue() === RUNTIME && !d.isTypeOnly());
  for (const d of runtime) {
    const named = d.getNamedImports().find((n) => n.getName() === 'VNET_DEFINE' && !n.isTypeOnly());
    if (named)
      return { callee: named.getAliasNode()?.getText() ?? 'VNET_DEFINE', status: 'present' };
    const ns = d.getNamespaceImport();
    if (ns) return { callee: `${ns.getText()}.VNET_DEFINE`, status: 'present' };
  }
  const local = freeName(sf);
  const spec = local === 'VNET_DEFINE' ? local : `VNET_DEFINE as ${local}`;
  for (const d of runtime) {
    const bindings = d.getImportClause()?.getNamedBindings();
    if (bindings && Node.isNamedImports(bindings)) {
      const first = bindings.getElements()[0];
      if (first) ed.insert(first.getStart(), `${spec}, `);
      else ed.insert(bindings.getStart() + 1, ` ${spec} `);
      return { callee: local, status: 'extended' };
    }
    const def = d.getDefaultImport();
    if (def && !bindings) {
      ed.insert(def.getEnd(), `, { ${spec} }`);
      return { callee: local, status: 'extended' };
    }
  }
  const imports = sf.getImportDeclarations();
  const last = imports[imports.length - 1];
  const quote = last?.getModuleSpecifier().getText()[0] ?? "'";
  const semi = last ? (last.getText().trimEnd().endsWith(';') ? ';' : '') : ';';
  const line = `import { ${spec} } from ${quote}${RUNTIME}${quote}${semi}`;
  if (last) ed.insert(last.getEnd(), `\n${line}`);
  else ed.insert(headerEnd(sf), `${line}\n\n`);
  return { callee: local, status: 'added' };
}

/**
 * Where a new first import goes: after a shebang and after a header comment that a blank
 * line separates from the code (a licence), but before a comment that documents the first
 * statement.
 */
function headerEnd(sf: SourceFile): number {
  const text = sf.getFullText();
  let start = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
  if (start === 0 && text.startsWith('#!')) start = text.length;
  const first = sf.getStatements()[0];
  const end = first ? first.getStart() : text.length;
  const trivia = text.slice(start, end);
  const blank = trivia.search(/\n[ \t]*\n(?![\s\S]*\n[ \t]*\n)/);
  if (blank < 0) return start;
  const after = trivia.slice(blank).match(/^\n[ \t]*\n/)![0].length;
  return start + blank + after;
}

/** VNET_DEFINE, unless the module already declares that name for something else. */
function freeName(sf: SourceFile): string {
  const taken = new Set<string>();
  for (const stmt of sf.getStatements()) {
    for (const id of stmt.getDescendantsOfKind(ts.SyntaxKind.Identifier)) {
      const p = id.getParent();
      if (
        p &&
        (Node.isVariableDeclaration(p) ||
          Node.isBindingElement(p) ||
          Node.isFunctionDeclaration(p) ||
          Node.isClassDeclaration(p) ||
          Node.isImportSpecifier(p) ||
          Node.isImportClause(p) ||
          Node.isNamespaceImport(p) ||
          Node.isEnumDeclaration(p))
      )
        taken.add(id.getText());
    }
  }
  let name = 'VNET_DEFINE';
  for (let i = 1; taken.has(name); i++) name = `VNET_DEFINE_${i}`;
  return name;
}
