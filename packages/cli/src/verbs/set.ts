import { formatSet } from '../format.js';
import { loadTools } from '../lazy.js';
import type { Verb } from '../verb.js';
import { ROOT_FLAG, rootOf } from '../root-flag.js';

export const set: Verb = {
  name: 'set',
  summary:
    'The linker set: every virtualized global of the project, its defining module, slot, copy ' +
    'kind and where its initializer is.',
  usage: 'vimage set <path> [--root <folder>] [--virtualize] [--objects] [--json]',
  spec: {
    flags: {
      root: ROOT_FLAG,
      virtualize: {
        type: 'boolean',
        description:
          "as the plugin's virtualize option over every module: automatic globals are listed " +
          'with form auto',
      },
      objects: {
        type: 'boolean',
        description:
          'with --virtualize: also module-level objects the module mutates (virtualize.objects)',
      },
    },
    positionals: { name: '<path>', min: 1, max: 1 },
  },
  details: [
    '<path> is a folder with a tsconfig.json (its files/include are the modules), a tsconfig ' +
      'file, or a folder of sources.',
    'Symbols are module paths relative to the project root (the nearest folder upward with a',
    'package.json, or --root), as the built program names them.',
    'Slots are the static table order of virtual:vimage/set.',
    'Exit status: 0, or 1 when a module cannot be read (syntax error, misplaced marker: ' +
      'file:line:column on stderr).',
  ],
  examples: [
    'vimage set .',
    "vimage set packages/net --json | jq '.rows[].symbol'",
    'vimage set node_modules/some-lib --virtualize',
  ],
  async run(args, out) {
    const { openProject, Analyzer, linkerSet } = await loadTools();
    const project = openProject(args.positionals[0]!, rootOf(args));
    const virtualize = args.flags.virtualize ? { objects: !!args.flags.objects } : undefined;
    const runs = new Analyzer(project, virtualize).runAll(true);
    const errors = runs.flatMap((r) => (r.error ? [r.error] : []));
    const set = linkerSet(runs, project.root);
    if (out.json) {
      out.document({
        root: project.root,
        modulesRead: runs.length,
        rows: set.rows,
        totals: set.totals,
        errors,
      });
    } else {
      out.line(formatSet(set, out));
      for (const e of errors) out.warn(out.moduleError(e));
    }
    return errors.length ? 1 : 0;
  },
};
