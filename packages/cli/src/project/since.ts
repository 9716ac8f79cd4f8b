import path from 'node:path';
import { CliError } from '../errors.js';
import { linkerSet, type SetRow } from '../linker.js';
import { Analyzer, type ModuleRun } from './analyze.js';
import { resolveCommit, repoRoot, withWorktree } from './git.js';
import { openProject, type OpenProject } from './open.js';
import { touchesOf, type Touches } from './touches.js';

export interface Change {
  symbol: string;
  module: string;
  change: 'added' | 'removed' | 'changed';
  /** For 'changed': what differs. */
  fields: ('initializer' | 'form')[];
}

export interface Revision {
  ref: string;
  commit: string;
  /** The modules at the revision, their files named by their paths in the repository. */
  runs: ModuleRun[];
  /** What each module (by module path) touched at the revision. */
  touches: Map<string, Touches>;
  /** Problems reading the project at the revision: reported, never fatal. */
  warnings: string[];
}

/**
 * The project as it was at `ref` (tsconfig, include, sources and resolution alike), read from a
 * temporary git work tree of that commit that is removed before this returns.
 */
export function atRevision(project: OpenProject, ref: string): Revision {
  const repo = repoRoot(project.root);
  const commit = resolveCommit(repo, ref);
  const target = project.configFile ?? project.root;
  return withWorktree(repo, commit, [repo, project.root], (tree) => {
    const there = (p: string) => path.join(tree, path.relative(repo, p));
    const here = (p: string) => path.join(repo, path.relative(tree, p));
    let old: OpenProject;
    try {
      old = openProject(there(target), there(project.root));
    } catch (error) {
      // A project that did not exist at the revision (or had no modules) had no globals then.
      const absent = ['VIMAGE_CLI_NO_PATH', 'VIMAGE_CLI_NO_MODULES'];
      if (error instanceof CliError && absent.includes(error.code)) {
        return { ref, commit, runs: [], touches: new Map(), warnings: [] };
      }
      if (error instanceof CliError) {
        const where = error.where && { ...error.where, file: here(error.where.file) };
        const message = `at ${ref}: ${error.message.split(tree).join(repo)}`;
        throw new CliError(message, error.code, error.exitCode, error.hint, where, error.frame);
      }
      throw error;
    }
    const analyzer = new Analyzer(old);
    // Everything is read while the work tree exists; files are then named as in the work tree.
    const read = analyzer.runAll(true);
    const touches = new Map(read.map((r) => [r.module, touchesOf(r, analyzer)]));
    const runs = read.map((r) => ({
      ...r,
      file: here(r.file),
      ...(r.error && { error: { ...r.error, file: here(r.error.file) } }),
    }));
    const warnings = runs.flatMap(({ error: e }) => {
      if (!e) return [];
      const at = `${e.file}:${e.line ?? '?'}:${e.column ?? '?'}`;
      return [`at ${ref}: ${at}: ${e.message} (its globals count as changed)`];
    });
    return { ref, commit, runs, touches, warnings };
  });
}

/** Globals added, removed, or whose initializer or marker form changed between two linker sets. */
export function changedGlobals(before: SetRow[], after: SetRow[]): Change[] {
  const old = new Map(before.map((r) => [r.symbol, r]));
  const now = new Map(after.map((r) => [r.symbol, r]));
  const out: Change[] = [];
  for (const r of after) {
    const o = old.get(r.symbol);
    if (!o) {
      out.push({ symbol: r.symbol, module: r.module, change: 'added', fields: [] });
      continue;
    }
    const fields: Change['fields'] = [];
    if ((o.initializer?.text ?? null) !== (r.initializer?.text ?? null)) fields.push('initializer');
    if (o.form !== r.form) fields.push('form');
    if (fields.length) out.push({ symbol: r.symbol, module: r.module, change: 'changed', fields });
  }
  for (const o of before)
    if (!now.has(o.symbol))
      out.push({ symbol: o.symbol, module: o.module, change: 'removed', fields: [] });
  return out.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

export function setOf(runs: ModuleRun[], root: string): SetRow[] {
  return linkerSet(runs, root).rows;
}
