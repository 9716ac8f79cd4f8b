import { display, plural, table, type Output } from '../output.js';
import { loadTools } from '../lazy.js';
import type { Change } from '../project/since.js';
import type { Touches } from '../project/touches.js';
import type { Verb } from '../verb.js';
import { ROOT_FLAG, rootOf } from '../root-flag.js';

interface Affected extends Touches {
  module: string;
  file: string;
  /** Every symbol it touches: defines, references and re-exports together. */
  symbols: string[];
}

export const affected: Verb = {
  name: 'affected',
  summary:
    'The modules that define, reference or re-export virtualized globals: the ones a change of ' +
    'virtualization forces to rebuild.',
  usage: 'vimage affected <path> [--root <folder>] [--since <git-ref>] [--check] [--json]',
  spec: {
    flags: {
      root: ROOT_FLAG,
      since: {
        type: 'string',
        value: '<git-ref>',
        description:
          'only globals added, removed, or whose initializer or marker form changed since this ' +
          'revision',
      },
      check: { type: 'boolean', description: 'exit 1 when any module is affected (a CI gate)' },
    },
    positionals: { name: '<path>', min: 1, max: 1 },
  },
  details: [
    'A module is affected when it defines a virtualized global, references one (directly, through',
    're-exports, through a namespace import or an import()), or re-exports one. Code not built ' +
      'with the plugin sees only',
    'the value at declaration, so every affected module must be built with it: FreeBSD listed ' +
      'these by hand after r195699.',
    'With --since, the linker set at that revision (read from a temporary git work tree) is ' +
      'compared with the current one.',
    'Exit status: 0; 1 with --check when a module is affected, or when a module cannot be read; ' +
      '2 on bad usage or an unknown revision.',
  ],
  examples: [
    'vimage affected .',
    'vimage affected . --since origin/main --check',
    "vimage affected . --since HEAD~1 --json | jq -r '.modules[].file'",
  ],
  async run(args, out) {
    const { openProject, Analyzer, atRevision, changedGlobals, setOf, touchesOf } =
      await loadTools();
    const project = openProject(args.positionals[0]!, rootOf(args));
    const analyzer = new Analyzer(project);
    const runs = analyzer.runAll(true);
    const errors = runs.flatMap((r) => (r.error ? [r.error] : []));
    const ref = args.flags.since as string | undefined;
    let changes: Change[] | undefined;
    let since: { ref: string; commit: string; changed: Change[] } | null = null;
    let oldTouches = new Map<string, Touches>();
    if (ref !== undefined) {
      const rev = atRevision(project, ref);
      for (const w of rev.warnings) out.warn(w);
      changes = changedGlobals(setOf(rev.runs, project.root), setOf(runs, project.root));
      since = { ref, commit: rev.commit, changed: changes };
      oldTouches = rev.touches;
    }
    const changed = changes && new Set(changes.map((c) => c.symbol));
    const modules: Affected[] = [];
    for (const run of runs) {
      const now = touchesOf(run, analyzer);
      const t = changed ? onlyChanged(now, oldTouches.get(run.module), changed) : now;
      const symbols = union([...t.defines, ...t.references], t.reexports);
      if (symbols.length) modules.push({ module: run.module, file: run.file, ...t, symbols });
    }
    if (out.json) {
      out.document({ root: project.root, modulesRead: runs.length, modules, since, errors });
    } else {
      print(out, project.root, modules, runs.length, since);
      for (const e of errors) out.warn(out.moduleError(e));
    }
    if (args.flags.check && modules.length) {
      if (!out.json)
        out.warn(`vimage affected: ${plural(modules.length, 'module')} affected (--check)`);
      return 1;
    }
    return errors.length ? 1 : 0;
  },
};

/**
 * What a module touches of the changed globals, now or at the revision: a global no longer
 * virtualized is gone from the module's metadata, yet its old importers must be rebuilt.
 */
function onlyChanged(now: Touches, then: Touches | undefined, changed: Set<string>): Touches {
  const pick = (a: string[], b: string[] | undefined) => union(a, b).filter((s) => changed.has(s));
  return {
    defines: pick(now.defines, then?.defines),
    references: pick(now.references, then?.references),
    reexports: pick(now.reexports, then?.reexports),
  };
}

function union(a: string[], b: string[] | undefined): string[] {
  return [...new Set([...a, ...(b ?? [])])].sort();
}

function print(
  out: Output,
  root: string,
  modules: Affected[],
  total: number,
  since: { ref: string; commit: string; changed: Change[] } | null,
): void {
  const { s } = out;
  if (since) {
    out.line(
      s.bold(`virtualized globals changed since ${since.ref} (${since.commit.slice(0, 12)}):`),
    );
    const mark = {
      added: s.green('added'),
      removed: s.red('removed'),
      changed: s.yellow('changed'),
    };
    if (!since.changed.length) out.line('  none');
    else
      out.line(
        table(
          since.changed.map((c) => [
            c.symbol,
            mark[c.change] + (c.fields.length ? ` (${c.fields.join(', ')})` : ''),
          ]),
          '  ',
        ),
      );
    out.line();
  }
  if (!modules.length) {
    out.line(`no module is affected (${plural(total, 'module')} read)`);
    return;
  }
  out.line(
    s.bold(`${plural(modules.length, 'module')} affected, of ${total} in ${display(root)}:`),
  );
  const rows: string[][] = [];
  for (const m of modules) {
    const roles = (['defines', 'references', 'reexports'] as const).filter((k) => m[k].length);
    roles.forEach((role, i) =>
      rows.push([
        i === 0 ? s.bold(m.module) : '',
        role === 'reexports' ? 're-exports' : role,
        m[role].join(', '),
      ]),
    );
  }
  out.line(table(rows, '  '));
}
