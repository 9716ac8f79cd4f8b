import path from 'node:path';
import { linkerSetRows, type LinkerSetRow } from '@vimage/plugin';
// The transform's TypeScript, not ts-morph's copy: its syntax kinds are those skipWrappers knows.
import ts from '@vimage/transform/typescript';
import { skipWrappers } from '@vimage/transform';
import type { ModuleRun } from './project/analyze.js';

/** Where a global's initial value is: 1-based line, 0-based column (as the linker set's rows). */
export interface InitializerLoc {
  line: number;
  column: number;
  /** The initializer's source text; for `VNET_DEFINE(v)` the text of `v`. */
  text: string;
}

/** A row of `virtual:vimage/set`, with the file and where its initializer is. */
export interface SetRow extends LinkerSetRow {
  file: string;
  /** null: declared without an initializer (`/** @vnet *\/ let x;`). */
  initializer: InitializerLoc | null;
}

export interface SetTotals {
  globals: number;
  modules: number;
  /** Every copy kind and marker form is listed, 0 when none has it. */
  copy: Record<string, number>;
  form: Record<string, number>;
}

export interface LinkerSet {
  rows: SetRow[];
  totals: SetTotals;
}

/**
 * A project's static linker set, in the plugin's order (modules by path, globals in source order).
 */
export function linkerSet(runs: ModuleRun[], root: string): LinkerSet {
  const byModule = new Map(runs.map((r) => [r.module, r]));
  const rows = linkerSetRows(runs.flatMap((r) => (r.result ? [r.result.meta] : []))).map(
    (row): SetRow => {
      const run = byModule.get(row.module);
      const file = run?.file ?? path.join(root, row.module);
      return { ...row, file, initializer: run ? initializerOf(run.code, file, row) : null };
    },
  );
  const totals: SetTotals = {
    globals: rows.length,
    modules: new Set(rows.map((r) => r.module)).size,
    copy: { primitive: 0, deep: 0, shared: 0, dynamic: 0 },
    form: { call: 0, tag: 0, decorator: 0 },
  };
  for (const r of rows) {
    totals.copy[r.copy] = (totals.copy[r.copy] ?? 0) + 1;
    totals.form[r.form] = (totals.form[r.form] ?? 0) + 1;
  }
  return { rows, totals };
}

/** The declaration the row points at (its start), and the value it is initialised from. */
export function initializerOf(
  code: string,
  file: string,
  row: Pick<LinkerSetRow, 'line' | 'column' | 'form'>,
): InitializerLoc | null {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const pos = sf.getPositionOfLineAndCharacter(row.line - 1, row.column);
  let found: ts.VariableDeclaration | ts.PropertyDeclaration | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.end < pos || node.pos > pos) return;
    if (
      (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) &&
      node.getStart(sf) === pos
    )
      found = node;
    else ts.forEachChild(node, visit);
  };
  visit(sf);
  let init = found?.initializer;
  if (!init) return null;
  if (row.form === 'call') {
    const call = skipWrappers(init);
    if (ts.isCallExpression(call) && call.arguments.length === 1) init = call.arguments[0]!;
  }
  const lc = sf.getLineAndCharacterOfPosition(init.getStart(sf));
  return { line: lc.line + 1, column: lc.character, text: init.getText(sf) };
}
