import type ts from 'typescript';
import type { ErrorMessage, TransformErrorCode } from './codes.js';

/** Where in a source file something is: 1-based line, 0-based column (the rollup convention). */
export interface Loc {
  file: string;
  line: number;
  column: number;
}

/** Stable diagnostic codes, one table of them (codes.ts): hosts and users may match on them. */
export type { TransformErrorCode };

/** Where an error is: the module's text, its id and the 0-based offset. */
export interface Where {
  source: string;
  file: string;
  pos: number;
}

/** Where a node of a parsed module is. */
export function nodeAt(
  m: { code: string; id: string; sourceFile: ts.SourceFile },
  node: ts.Node,
): Where {
  return { source: m.code, file: m.id, pos: node.getStart(m.sourceFile) };
}

/**
 * Every diagnostic of the compiler core is one of these: a code, the place, what is
 * wrong, how to fix it, and a code frame. Hosts forward `code`, `problem`, `hint`, `loc` and
 * `frame` through their own error channel, each from its field: `message` is for people.
 */
export class TransformError extends Error {
  readonly code: TransformErrorCode;
  /** What is wrong, without the place or the fix. */
  readonly problem: string;
  readonly loc: Loc | undefined;
  /** How to fix it. */
  readonly hint: string;
  readonly frame: string;
  /** Position in the source, 0-based offset; hosts such as rollup accept it as `pos`. */
  readonly pos: number | undefined;

  /** `message`: one of codes.ts' `errors`; `where`: the module's text and offset. */
  constructor({ code, problem, hint }: ErrorMessage, where?: Where) {
    const loc = where ? locate(where.source, where.file, where.pos) : undefined;
    const frame = where && loc ? codeFrame(where.source, loc.line, loc.column) : '';
    const at = loc ? `${loc.file}:${loc.line}:${loc.column + 1}: ` : '';
    super(`${at}${problem}\n  fix: ${hint}${frame ? `\n${frame}` : ''}`);
    this.name = 'TransformError';
    this.code = code;
    this.problem = problem;
    this.loc = loc;
    this.hint = hint;
    this.frame = frame;
    this.pos = where?.pos;
  }
}

export function locate(source: string, file: string, pos: number): Loc {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  // A byte order mark is no column: editors and bundlers count line 1 from after it.
  const bom = lineStart === 0 && pos > 0 && source.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { file, line, column: pos - lineStart - bom };
}

/** Two lines of context either side and a caret under the column, as rollup prints it. */
export function codeFrame(source: string, line: number, column: number): string {
  const lines = source.split('\n');
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 2);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? '').replace(/\t/g, '  ');
    out.push(`${String(n).padStart(width)}: ${text}`);
    if (n === line) {
      const before = (lines[n - 1] ?? '').slice(0, column).replace(/\t/g, '  ');
      out.push(`${' '.repeat(width + 2)}${' '.repeat(before.length)}^`);
    }
  }
  return out.join('\n');
}
