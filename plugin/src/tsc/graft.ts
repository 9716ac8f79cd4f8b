import ts from '@vimage/transform/typescript';
import { addedImportAsRequire, emitsCommonJs } from './commonjs.js';

type Child = ts.Node | ts.NodeArray<ts.Node>;

/**
 * The transformed module as a tree that TypeScript's own transforms can emit correctly.
 *
 * Returning a freshly parsed SourceFile is not enough: later transforms ask the checker about
 * its nodes (import elision, const enums, CommonJS import references, decorator metadata) and
 * the checker never bound them (TypeScript 6 crashes in isReferencedAliasDeclaration). So the
 * new tree is matched against the original one: every subtree whose text did not change is
 * the original, bound node; a changed node of the same shape is rebuilt from the original
 * (keeping its position, comments and checker identity); only what vimage wrote is new,
 * marked synthesized, and mapped in source maps to the node it replaces.
 */
export function graft(
  sf: ts.SourceFile,
  code: string,
  context: ts.TransformationContext,
): ts.SourceFile {
  const nsf = ts.createSourceFile(sf.fileName, code, sf.languageVersion, true);
  const statements = new Grafter(sf, nsf, context).list(sf.statements, nsf.statements);
  const commonJs = emitsCommonJs(sf, context.getCompilerOptions());
  return ts.factory.updateSourceFile(
    sf,
    commonJs ? ts.factory.createNodeArray(statements.map(addedImportAsRequire)) : statements,
  );
}

/**
 * A statement vimage inserts whole (the re-read of curvnet at a function's entry or in a loop,
 * see the transform's curvnet.ts) pairs with no original statement: paired by kind with the
 * statement it pushed down, it would misalign every changed statement after it.
 */
const REENTRY = /^(?:const [\w$]+ = )?[\w$]+\.(?:e\(\)|v|s\([\w$]*\));$/;

class Grafter {
  constructor(
    private readonly sf: ts.SourceFile,
    private readonly nsf: ts.SourceFile,
    private readonly context: ts.TransformationContext,
  ) {}

  node(o: ts.Node, n: ts.Node): ts.Node {
    if (o.kind === n.kind && this.old(o) === this.new(n)) return o;
    if (o.kind === n.kind) {
      const rebuilt = this.rebuild(o, n);
      if (rebuilt) return rebuilt;
    }
    return this.inside(o, n) ?? fresh(n, o);
  }

  /**
   * Elements aligned by a weighted longest common subsequence: equal text first, then same kind.
   */
  list<T extends ts.Node>(os: ts.NodeArray<T>, ns: ts.NodeArray<T>): ts.NodeArray<T> {
    const ot = os.map((o) => this.old(o));
    const nt = ns.map((n) => this.new(n));
    const score = (i: number, j: number) =>
      os[i]!.kind !== ns[j]!.kind || REENTRY.test(nt[j]!)
        ? 0
        : ot[i] === nt[j]
          ? 4
          : commonPrefix(ot[i]!, nt[j]!) >= Math.min(12, ot[i]!.length, nt[j]!.length)
            ? 2
            : 1;
    const pairOf = align(os.length, ns.length, score);
    const out = ns.map((n, j) =>
      pairOf[j] === undefined
        ? fresh(n, replacedAt(pairOf, j, os))
        : (this.node(os[pairOf[j]!]!, n) as T),
    );
    // The original list's range: the emitter places the comments between elements by it.
    return ts.setTextRange(ts.factory.createNodeArray(out, ns.hasTrailingComma), os);
  }

  /**
   * Same kind, children under the same keys, same non-child properties: the original with its
   * children grafted.
   */
  private rebuild(o: ts.Node, n: ts.Node): ts.Node | undefined {
    const oc = children(o);
    const nc = children(n);
    if ([...nc.keys()].some((k) => !oc.has(k)) || !sameScalars(o, n)) return undefined;
    const pairs = new Map<Child, Child | undefined>([...oc].map(([k, v]) => [v, nc.get(k)]));
    const visitor = (child: ts.Node): ts.Node | undefined => {
      const m = pairs.get(child) as ts.Node | undefined;
      return m && this.node(child, m);
    };
    const nodesVisitor = ((nodes: ts.NodeArray<ts.Node> | undefined) => {
      if (!nodes) return nodes;
      const m = pairs.get(nodes) as ts.NodeArray<ts.Node> | undefined;
      return m ? this.list(nodes, m) : undefined;
    }) as unknown as typeof ts.visitNodes;
    return ts.visitEachChild(o, visitor, this.context, nodesVisitor, visitor);
  }

  /**
   * A marker call compiled away (`VNET_DEFINE(v)` → `v`): the new node is an unchanged part of
   * the old one.
   */
  private inside(o: ts.Node, n: ts.Node): ts.Node | undefined {
    const text = this.new(n);
    if (text.length >= this.old(o).length) return undefined;
    let found: ts.Node | undefined;
    const visit = (c: ts.Node): void => {
      if (found) return;
      if (c.kind === n.kind && this.old(c) === text) found = c;
      else ts.forEachChild(c, visit);
    };
    ts.forEachChild(o, visit);
    return found;
  }

  private old(o: ts.Node): string {
    return o.getText(this.sf);
  }

  private new(n: ts.Node): string {
    return n.getText(this.nsf);
  }
}

/**
 * A node vimage wrote. Synthesized (no position, so the emitter never reads the original text
 * at the new text's offsets, and the checker is not asked about an unbound node); mapped and
 * commented as the node it replaces. Its identifiers point at the replaced node's identifiers
 * of the same name, so that e.g. CommonJS emit still rewrites references to imports.
 */
function fresh<T extends ts.Node>(n: T, replaced?: ts.Node): T {
  const names = new Map<string, ts.Identifier>();
  if (replaced) {
    const collect = (c: ts.Node): void => {
      if (ts.isIdentifier(c) && !names.has(c.text)) names.set(c.text, c);
      ts.forEachChild(c, collect);
    };
    collect(replaced);
  }
  const mark = (c: ts.Node): void => {
    // Synthesized, a string is printed from its value: keep the quotes it was written with.
    if (ts.isStringLiteral(c))
      (c as { singleQuote?: boolean }).singleQuote = c.getText().startsWith("'");
    ts.forEachChild(c, mark, (arr) => {
      unposition(arr);
      arr.forEach(mark);
    });
    unposition(c);
    (c as { flags: ts.NodeFlags }).flags |= ts.NodeFlags.Synthesized;
    const named = ts.isIdentifier(c) && names.get(c.text);
    if (named) ts.setOriginalNode(c, named);
  };
  mark(n);
  if (replaced) {
    ts.setSourceMapRange(n, replaced);
    ts.setCommentRange(n, replaced);
  }
  return n;
}

function unposition(r: ts.TextRange): void {
  (r as { pos: number }).pos = -1;
  (r as { end: number }).end = -1;
}

const BINDER_LINKS = new Set([
  'parent',
  'original',
  'nextContainer',
  'symbol',
  'localSymbol',
  'locals',
  'flowNode',
  'endFlowNode',
  'returnFlowNode',
  'emitNode',
  'jsDoc',
]);

/** A node's syntactic children by property name. */
function children(node: ts.Node): Map<string, Child> {
  const found = new Set<Child>();
  ts.forEachChild(
    node,
    (c) => void found.add(c),
    (a) => void found.add(a),
  );
  const out = new Map<string, Child>();
  for (const [key, value] of Object.entries(node)) {
    // The binder's links (nextContainer, ...) may point at a child too: the syntactic key comes
    // first.
    if (found.delete(value as Child) && !BINDER_LINKS.has(key)) out.set(key, value as Child);
  }
  return out;
}

/**
 * Properties that carry meaning besides children: `++` vs `--`, `let` vs `const`, `import type`.
 */
const BOOKKEEPING = new Set([
  'pos',
  'end',
  'flags',
  'kind',
  'id',
  'modifierFlagsCache',
  'transformFlags',
  'multiLine',
]);
function sameScalars(o: ts.Node, n: ts.Node): boolean {
  if ((o.flags & ts.NodeFlags.BlockScoped) !== (n.flags & ts.NodeFlags.BlockScoped)) return false;
  for (const [key, value] of Object.entries(n)) {
    if (
      BOOKKEEPING.has(key) ||
      (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean')
    )
      continue;
    if ((o as unknown as Record<string, unknown>)[key] !== value) return false;
  }
  return true;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * For each new element, the index of its old partner, maximizing the total score (equal ends
 * skipped first).
 */
/**
 * The original element a new unpaired one took the place of (a reference become a slot access
 * `__vimage.c[x === __vimage ? -1 : $vnet_x]`): an unpaired one between the same neighbours.
 * Its names then stand for the original's (CommonJS emit rewrites references to imports by them).
 */
function replacedAt(
  pairOf: Array<number | undefined>,
  j: number,
  os: ts.NodeArray<ts.Node>,
): ts.Node | undefined {
  let lo = -1;
  for (let k = j - 1; k >= 0 && lo < 0; k--) if (pairOf[k] !== undefined) lo = pairOf[k]!;
  let hi = os.length;
  for (let k = j + 1; k < pairOf.length && hi === os.length; k++)
    if (pairOf[k] !== undefined) hi = pairOf[k]!;
  const used = new Set(pairOf);
  for (let i = lo + 1; i < hi; i++) if (!used.has(i)) return os[i];
  return undefined;
}

function align(
  m: number,
  n: number,
  score: (i: number, j: number) => number,
): Array<number | undefined> {
  const pairOf: Array<number | undefined> = new Array(n);
  let lo = 0;
  while (lo < m && lo < n && score(lo, lo) === 4) pairOf[lo] = lo++;
  let hiO = m;
  let hiN = n;
  while (hiO > lo && hiN > lo && score(hiO - 1, hiN - 1) === 4) pairOf[--hiN] = --hiO;
  const rows = hiO - lo;
  const cols = hiN - lo;
  const best = Array.from({ length: rows + 1 }, () => new Int32Array(cols + 1));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      const s = score(lo + i, lo + j);
      best[i]![j] = Math.max(best[i + 1]![j]!, best[i]![j + 1]!, s ? s + best[i + 1]![j + 1]! : 0);
    }
  }
  for (let i = 0, j = 0; i < rows && j < cols; ) {
    const s = score(lo + i, lo + j);
    if (s && best[i]![j] === s + best[i + 1]![j + 1]!) pairOf[lo + j++] = lo + i++;
    else if (best[i]![j] === best[i + 1]![j]) i++;
    else j++;
  }
  return pairOf;
}
