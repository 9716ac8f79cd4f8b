import { sideBySide, unifiedDiff } from '../diff.js';
import { UsageError, type ModuleError } from '../errors.js';
import { formatSet } from '../format.js';
import { loadTools } from '../lazy.js';
import { plural } from '../output.js';
import type { ModuleRun } from '../project/analyze.js';
import type { Verb } from '../verb.js';
import { ROOT_FLAG, rootOf } from '../root-flag.js';

const USAGE =
  'vimage compare <path> [--root <folder>] [--side-by-side [--width <columns>]] [--json]';

export const compare: Verb = {
  name: 'compare',
  summary: 'Each module built with VIMAGE off beside VIMAGE on, as a diff, then the linker set.',
  usage: USAGE,
  spec: {
    flags: {
      root: ROOT_FLAG,
      'side-by-side': {
        type: 'boolean',
        description: 'two columns (off | on) instead of a unified diff',
      },
      width: {
        type: 'string',
        value: '<columns>',
        description: 'width of --side-by-side output (default: the terminal, else 160)',
      },
    },
    positionals: { name: '<path>', min: 1, max: 1 },
  },
  details: [
    '<path> is a folder with a tsconfig.json, a tsconfig file, or a folder of sources.',
    'Modules whose output is the same in both modes are counted, not printed.',
    'Exit status: 0, or 1 when a module has a syntax error or a misplaced marker ' +
      '(file:line:column on stderr).',
  ],
  examples: [
    'vimage compare .',
    'vimage compare packages/net --side-by-side',
    "vimage compare . --json | jq '.modules[].module'",
  ],
  async run(args, out) {
    const width =
      args.flags.width === undefined
        ? process.stdout.isTTY
          ? process.stdout.columns
          : 160
        : Number(args.flags.width);
    if (!Number.isInteger(width) || width < 40)
      throw new UsageError(
        `--width must be a whole number of columns, at least 40 (got ${String(args.flags.width)})`,
        USAGE,
      );
    const { openProject, Analyzer, linkerSet } = await loadTools();
    const project = openProject(args.positionals[0]!, rootOf(args));
    const analyzer = new Analyzer(project);
    const onRuns: ModuleRun[] = [];
    const changed: { module: string; file: string; off: string; on: string; diff: string }[] = [];
    const errors: ModuleError[] = [];
    let unchanged = 0;
    for (const file of project.files) {
      const off = analyzer.run(file, false);
      const on = analyzer.run(file, true);
      onRuns.push(on);
      const error = off.error ?? on.error;
      if (error) {
        errors.push(error);
        continue;
      }
      const offCode = off.result?.code ?? off.code;
      const onCode = on.result?.code ?? on.code;
      if (offCode === onCode) {
        unchanged++;
        continue;
      }
      const labels = { old: `${on.module} (VIMAGE off)`, new: `${on.module} (VIMAGE on)` };
      changed.push({
        module: on.module,
        file,
        off: offCode,
        on: onCode,
        diff: unifiedDiff(offCode, onCode, labels),
      });
      if (!out.json) {
        out.line(
          args.flags['side-by-side']
            ? sideBySide(offCode, onCode, labels, width, out.s)
            : unifiedDiff(offCode, onCode, labels, out.s),
        );
        out.line();
      }
    }
    const set = linkerSet(onRuns, project.root);
    if (out.json) {
      out.document({
        root: project.root,
        modulesRead: project.files.length,
        modules: changed,
        unchanged,
        errors,
        set: { rows: set.rows, totals: set.totals },
      });
    } else {
      const failed = errors.length ? `, ${plural(errors.length, 'module')} with errors` : '';
      out.line(
        out.s.bold(
          `${plural(changed.length, 'module')} differ${changed.length === 1 ? 's' : ''} between ` +
            `VIMAGE off and on, ${unchanged} unchanged${failed}`,
        ),
      );
      out.line();
      out.line(out.s.bold('linker set:'));
      out.line(formatSet(set, out));
      for (const e of errors) out.warn(out.moduleError(e));
    }
    return errors.length ? 1 : 0;
  },
};
