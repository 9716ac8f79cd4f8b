import { CliError } from '../errors.js';
import { linkerSet, type SetRow } from '../linker.js';
import { Analyzer, type ModuleRun } from './analyze.js';
import { resolveCommit, repoRoot } from './git.js';
import { GitFileSystem } from './git-fs.js';
import { openProject, type OpenProject } from './open.js';

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
  runs: ModuleRun[];
  analyzer: Analyzer | null;
  /** Problems reading the project at the revision: reported, never fatal. */
  warnings: string[];
}

/** The project as it was at `ref`, read from git (tsconfig, include, sources and resolution alike). */
export function atRevision(project: OpenProject, ref: string): Revision {
  const repo = repoRoot(project.root);
  const commit = resolveCommit(repo, ref);
  const target = project.configFile ?? project.root;
  let old: OpenProject;
  try {
    old = openProject(target, new GitFileSystem(repo, commit), project.root);
  } catch (error) {
    // A project that did not exist at the revision (or had no modules) had no globals then.
    if (error instanceof CliError && (error.code === 'VIMAGE_CLI_NO_PATH' || error.code === 'VIMAGE_CLI_NO_MODULES')) return { ref, commit, runs: [], analyzer: null, warnings: [] };
    if (error instanceof CliError) throw new CliError(`at ${ref}: ${error.message}`, error.code, error.exitCode, error.hint, error.where, error.frame);
    throw error;
  }
  const analyzer = new Analyzer(old);
  const runs = analyzer.runAll(true);
  const warnings = runs.flatMap((r) => (r.error ? [`at ${ref}: ${r.error.file}:${r.error.line ?? '?'}:${r.error.column ?? '?'}: ${r.error.message} (its globals count as changed)`] : []));
  return { ref, commit, runs, analyzer, warnings };
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
  for (const o of before) if (!now.has(o.symbol)) out.push({ symbol: o.symbol, module: o.module, change: 'removed', fields: [] });
  return out.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

export function setOf(runs: ModuleRun[], root: string): SetRow[] {
  return linkerSet(runs, root).rows;
}
