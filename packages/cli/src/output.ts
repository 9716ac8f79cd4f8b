import path from 'node:path';
import type { ModuleError } from './errors.js';

type Paint = (text: string) => string;
export interface Style {
  bold: Paint;
  dim: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
  cyan: Paint;
}

const sgr =
  (open: number, close: number): Paint =>
  (text) =>
    `\x1b[${open}m${text}\x1b[${close}m`;
const COLOR: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};
const id: Paint = (text) => text;
const PLAIN: Style = { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id };

/**
 * Colours only on a terminal, never with --json, never with NO_COLOR (no-color.org);
 * FORCE_COLOR turns them on where no terminal is (CI logs, tests).
 */
export function wantsColor(
  json: boolean,
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (json || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY && env.TERM !== 'dumb';
}

/** Where a verb writes: human text or one JSON document on stdout, diagnostics on stderr. */
export class Output {
  readonly s: Style;
  constructor(
    readonly json: boolean,
    readonly color: boolean,
    private readonly stdout: (text: string) => void = (t) => process.stdout.write(t),
    private readonly stderr: (text: string) => void = (t) => process.stderr.write(t),
  ) {
    this.s = color ? COLOR : PLAIN;
  }

  static for(json: boolean): Output {
    return new Output(json, wantsColor(json, process.stdout));
  }

  line(text = ''): void {
    this.stdout(`${text}\n`);
  }

  warn(text: string): void {
    this.stderr(`${text}\n`);
  }

  document(value: unknown): void {
    this.stdout(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** `file:line:col: error CODE message`, the fix, and the code frame: for editors and people. */
  moduleError(e: ModuleError): string {
    const at = e.line !== null ? `${display(e.file)}:${e.line}:${e.column}` : display(e.file);
    const lines = [
      `${this.s.bold(at)}: ${this.s.red('error')} ${this.s.dim(e.code)} ${e.message}`,
      `  fix: ${e.hint}`,
    ];
    if (e.frame) lines.push(e.frame.replace(/^/gm, '  '));
    return lines.join('\n');
  }
}

/** A path as the user will paste it: relative to the working directory when inside it. */
export function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  if (rel === '') return '.';
  return !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes start with ESC
const ANSI = /\x1b\[[0-9;]*m/g;
export const width = (text: string): number => text.replace(ANSI, '').length;

/** Columns padded to their widest cell; the last column is not padded. */
export function table(rows: string[][], indent = ''): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows
    .map(
      (row) =>
        indent +
        row
          .map((cell, i) =>
            i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell)),
          )
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

export const plural = (n: number, word: string, many = `${word}s`): string =>
  `${n} ${n === 1 ? word : many}`;
