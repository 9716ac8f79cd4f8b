import path from 'node:path';
import { Project, ts } from 'ts-morph';
import { codeFrame, locate, transform, type TransformError } from '@vimage/transform';
import { unifiedDiff } from '../diff.js';
import { moduleError, type ModuleError } from '../errors.js';
import { display } from '../output.js';
import { firstSyntaxError } from '../project/syntax.js';
import { applyMarks } from './edit.js';
import { findState, type Mark, type Skip } from './find.js';

export interface FileReport {
  file: string;
  marked: Omit<Mark, 'decl'>[];
  skipped: Skip[];
  import: 'added' | 'extended' | 'present' | null;
  /** Unified diff of the edit; empty when the file does not change. */
  diff: string;
}

export interface Codemod {
  reports: FileReport[];
  /** New texts of the files that change. */
  writes: { file: string; code: string }[];
  errors: ModuleError[];
}

/** Finds and marks module-level state in each file; writes nothing (the caller decides). */
export function virtualizeFiles(files: string[], objects: boolean): Codemod {
  const project = new Project({
    compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve },
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
  });
  const sources = files.map((f) => project.addSourceFileAtPath(f));
  const out: Codemod = { reports: [], writes: [], errors: [] };
  for (const sf of sources) {
    const file = path.normalize(sf.getFilePath());
    const syntax = firstSyntaxError(
      sf.compilerNode,
      file,
      'correct the syntax, then run the codemod again; nothing was written',
    );
    if (syntax) {
      out.errors.push(syntax);
      continue;
    }
    const { marks, skipped } = findState(sf, objects);
    const before = sf.getFullText();
    const edited = marks.length ? applyMarks(sf, marks) : { code: before, import: null };
    const invalid =
      'original' in edited ? check(edited.code, file, before, edited.original) : undefined;
    if (invalid) {
      out.errors.push(invalid);
      continue;
    }
    const diff =
      before === edited.code
        ? ''
        : unifiedDiff(before, edited.code, {
            old: `a/${display(file)}`,
            new: `b/${display(file)}`,
          });
    out.reports.push({
      file,
      marked: marks.map(({ decl: _decl, ...m }) => m),
      skipped,
      import: edited.import,
      diff,
    });
    if (edited.code !== before) out.writes.push({ file, code: edited.code });
  }
  return out;
}

/**
 * The edited module must be one the transform accepts (no `eval`/`with` beside virtualized
 * globals, ...). Its error is placed in the file as it is on disk, not in the edited text.
 */
function check(
  code: string,
  file: string,
  before: string,
  original: (offset: number) => number,
): ModuleError | undefined {
  try {
    transform(code, file, { vimage: true, sourceMap: false, root: path.dirname(file) });
    return undefined;
  } catch (error) {
    const e = moduleError(error, file);
    const pos = (error as TransformError).pos;
    const at = pos === undefined ? undefined : locate(before, file, original(pos));
    return {
      ...e,
      message: `once marked: ${e.message}`,
      hint: `${e.hint}; nothing was written`,
      ...(at && {
        line: at.line,
        column: at.column + 1,
        frame: codeFrame(before, at.line, at.column),
      }),
    };
  }
}
