import fs from 'node:fs';
import path from 'node:path';
import { isSourceFile } from '@vimage/transform/files';
import type { FileReport } from '../codemod/index.js';
import { writeAll } from '../codemod/write.js';
import { CliError } from '../errors.js';
import { loadTools } from '../lazy.js';
import { display, plural, table, type Output } from '../output.js';
import type { Verb } from '../verb.js';

export const virtualize: Verb = {
  name: 'virtualize',
  summary:
    'Codemod: mark module-level mutable state with VNET_DEFINE and add the import, keeping ' +
    'formatting and comments.',
  usage: 'vimage virtualize <files...> [--objects] [--dry-run] [--json]',
  spec: {
    flags: {
      objects: {
        type: 'boolean',
        description: 'also mark module-level objects, arrays, Maps and Sets the module mutates',
      },
      'dry-run': { type: 'boolean', description: 'print the diff only; write nothing' },
    },
    positionals: { name: '<files...>', min: 1, max: Infinity },
  },
  details: [
    'Marks module-level `let` and `var` that the module itself reassigns (ESM importers cannot), ' +
      'with',
    '--objects also `const` (and unreassigned `let`/`var`) objects, arrays, Maps and Sets it ' +
      'mutates.',
    "Adds `import { VNET_DEFINE } from '@vimage/runtime'`, or the name to an existing import of " +
      'it.',
    'Each edited file is checked with the vimage transform; any problem writes nothing at all.',
    'Files are replaced whole (a temporary file renamed over it), never written half-way.',
    'Exit status: 0; 1 when a file has a syntax error or the result would be rejected; 2 on bad ' +
      'usage or a missing file.',
  ],
  examples: [
    'vimage virtualize src/state.ts --dry-run',
    'vimage virtualize src/*.ts --objects',
    'vimage virtualize src/cache.ts --json',
  ],
  async run(args, out) {
    const files = args.positionals.map((f) => checkFile(f));
    const { virtualizeFiles } = await loadTools();
    const { reports, writes, errors } = virtualizeFiles(files, args.flags.objects === true);
    const dryRun = args.flags['dry-run'] === true;
    // Nothing is written when any file failed: a partial codemod is harder to review than none.
    const write = !dryRun && !errors.length;
    if (write && writes.length) writeAll(writes);
    if (out.json)
      out.document({
        dryRun,
        written: write ? writes.map((w) => w.file) : [],
        files: reports,
        errors,
      });
    else print(out, reports, dryRun, write ? writes.length : 0, errors.length > 0);
    for (const e of errors) if (!out.json) out.warn(out.moduleError(e));
    return errors.length ? 1 : 0;
  },
};

function checkFile(f: string): string {
  const abs = path.resolve(f);
  const stat = fs.statSync(abs, { throwIfNoEntry: false });
  if (!stat)
    throw new CliError(
      `no such file: ${f}`,
      'VIMAGE_CLI_NO_PATH',
      2,
      'give the source files to virtualize, e.g. vimage virtualize src/state.ts',
    );
  if (!stat.isFile() || !isSourceFile(abs)) {
    throw new CliError(
      `${f} is not a TypeScript or JavaScript source file`,
      'VIMAGE_CLI_NOT_SOURCE',
      2,
      'give .ts, .tsx, .mts, .cts, .js, .jsx, .mjs or .cjs files (a shell glob such as src/*.ts ' +
        'works)',
    );
  }
  // An import added to a CommonJS script would not load; a .cts file is compiled to require() by
  // tsc, so it may stay.
  if (abs.endsWith('.cjs'))
    throw new CliError(
      `${f} is a CommonJS script`,
      'VIMAGE_CLI_NOT_SOURCE',
      2,
      'vimage virtualizes ES modules: convert it to ESM (.mjs, or .js with "type": "module") first',
    );
  return abs;
}

function print(
  out: Output,
  reports: FileReport[],
  dryRun: boolean,
  written: number,
  failed: boolean,
): void {
  const { s } = out;
  if (dryRun) {
    for (const r of reports) if (r.diff) out.line(`${colorDiff(r.diff, out)}\n`);
    // The diff is the output; what was left alone goes beside it, on stderr.
    for (const r of reports)
      for (const k of r.skipped)
        out.warn(`${display(r.file)}:${k.line}:${k.column}: skipped ${k.name}: ${k.reason}`);
  } else {
    for (const r of reports) {
      if (!r.marked.length && !r.skipped.length) continue;
      out.line(s.bold(display(r.file)));
      const rows = r.marked.map((m) => [
        s.green('marked'),
        `${m.line}:${m.column}`,
        m.name,
        m.keyword,
        `${m.reason} at ${m.at.line}:${m.at.column}`,
      ]);
      if (r.import === 'added' || r.import === 'extended')
        rows.push([
          s.green('import'),
          '',
          'VNET_DEFINE',
          '',
          r.import === 'added'
            ? "added import from '@vimage/runtime'"
            : "added to the import from '@vimage/runtime'",
        ]);
      rows.push(
        ...r.skipped.map((k) => [
          s.yellow('skipped'),
          `${k.line}:${k.column}`,
          k.name,
          '',
          k.reason,
        ]),
      );
      out.line(table(rows, '  '));
    }
  }
  const marked = reports.reduce((n, r) => n + r.marked.length, 0);
  const changed = reports.filter((r) => r.diff).length;
  const skipped = reports.some((r) => r.skipped.length)
    ? ' (see the skipped declarations above)'
    : '';
  const summary = dryRun
    ? `dry run: ${plural(marked, 'global')} would be marked in ${plural(changed, 'file')}; ` +
      'nothing written'
    : failed
      ? 'nothing written: fix the errors below, then run again'
      : marked
        ? `marked ${plural(marked, 'global')}, wrote ${plural(written, 'file')}`
        : `nothing to virtualize: no module-level state is reassigned${skipped}`;
  (dryRun ? out.warn.bind(out) : out.line.bind(out))(summary);
}

function colorDiff(diff: string, out: Output): string {
  const { s } = out;
  return diff
    .split('\n')
    .map((l) =>
      l.startsWith('+++') || l.startsWith('---')
        ? s.bold(l)
        : l.startsWith('@@')
          ? s.cyan(l)
          : l.startsWith('+')
            ? s.green(l)
            : l.startsWith('-')
              ? s.red(l)
              : l,
    )
    .join('\n');
}
