import type { TransformError } from '@vimage/transform';
import { display } from './output.js';

export interface Where {
  file: string;
  line: number;
  /** 1-based, as editors and tsc print it. */
  column: number;
}

/**
 * The codes of the CLI's own errors, with when each is raised: the one table of them, which
 * test/error-codes.test.ts checks the README against. A module's error keeps the transform's code.
 */
export const CLI_CODES = {
  VIMAGE_CLI_USAGE: 'bad usage: no or unknown verb, unknown option, missing or extra argument',
  VIMAGE_CLI_NO_PATH: 'a path that does not exist',
  VIMAGE_CLI_NOT_PROJECT: 'a file given where a project is expected',
  VIMAGE_CLI_NOT_SOURCE: 'a file that is not a TypeScript or JavaScript module',
  VIMAGE_CLI_TSCONFIG: 'a tsconfig that is not valid',
  VIMAGE_CLI_NO_MODULES: 'a project with no modules',
  VIMAGE_CLI_GIT: '--since outside a git work tree, or an unknown revision',
  VIMAGE_CLI_UNREADABLE: 'a file the system refused to read',
  VIMAGE_CLI_INTERNAL: 'a bug in vimage',
} as const;

/** An error the CLI reports and exits on: 2 for bad usage, 1 for a problem found in the project. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: 1 | 2,
    readonly hint?: string,
    readonly where?: Where,
    readonly frame?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Unknown verb or flag, a missing argument, a path that does not exist: exit 2 with the usage line.
 */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly usage: string,
    hint?: string,
  ) {
    super(message, 'VIMAGE_CLI_USAGE', 2, hint);
  }
}

/** One module's problem (syntax error, misplaced marker): reported, the verb goes on, exit 1. */
export interface ModuleError {
  code: string;
  message: string;
  hint: string;
  file: string;
  line: number | null;
  column: number | null;
  frame: string;
}

/** What the system says when a file cannot be read, and what to do about it. */
const FILE_PROBLEMS: Record<string, { what: string; fix: string; exit: 1 | 2 }> = {
  EACCES: {
    what: 'permission denied',
    fix:
      'give the user running vimage read access to it (chmod a+r), or leave it out of the ' +
      'project (tsconfig "exclude")',
    exit: 1,
  },
  EPERM: {
    what: 'operation not permitted',
    fix:
      'give the user running vimage read access to it, or leave it out of the project ' +
      '(tsconfig "exclude")',
    exit: 1,
  },
  ENOENT: {
    what: 'no such file or directory',
    fix: 'check the path; a symbolic link that points nowhere must be fixed or removed',
    exit: 2,
  },
  EISDIR: {
    what: 'it is a directory, not a file',
    fix: 'name a file, or rename the directory so that it does not look like a source file',
    exit: 2,
  },
  ENOTDIR: {
    what: 'a part of the path is a file, not a directory',
    fix: 'check the path',
    exit: 2,
  },
  ELOOP: { what: 'too many levels of symbolic links', fix: 'fix the symbolic link cycle', exit: 1 },
};

/**
 * A file the system refused to read (EACCES, ENOENT, EISDIR, ...): a CliError naming the file,
 * the problem and the fix, instead of an internal error with a stack trace.
 */
export function fileProblem(error: unknown): CliError | undefined {
  const e = error as { code?: unknown; path?: unknown; syscall?: unknown } | null;
  if (!(error instanceof Error) || typeof e?.code !== 'string') return undefined;
  const known = FILE_PROBLEMS[e.code];
  // A read of a directory reports EISDIR without a path.
  if (typeof e.path !== 'string') {
    if (!known) return undefined;
    return new CliError(
      `cannot read a file: ${known.what} (${e.code})`,
      'VIMAGE_CLI_UNREADABLE',
      known.exit,
      known.fix,
    );
  }
  const what = known?.what ?? error.message.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '');
  const fix = known?.fix ?? 'check that the file exists and can be read by the user running vimage';
  const message = `cannot read ${display(e.path)}: ${what} (${e.code})`;
  return new UnreadableFileError(e.path, message, known?.exit ?? 1, fix);
}

export class UnreadableFileError extends CliError {
  constructor(
    readonly file: string,
    message: string,
    exitCode: 1 | 2,
    hint: string,
  ) {
    super(message, 'VIMAGE_CLI_UNREADABLE', exitCode, hint);
  }
}

export function moduleError(error: unknown, file: string): ModuleError {
  const unreadable = fileProblem(error);
  if (unreadable) {
    const { code, message, hint } = unreadable;
    return { code, message, hint: hint!, file, line: null, column: null, frame: '' };
  }
  if (isTransformError(error)) {
    return {
      code: error.code,
      message: error.problem,
      hint: error.hint,
      file: error.loc?.file ?? file,
      line: error.loc?.line ?? null,
      column: error.loc ? error.loc.column + 1 : null,
      frame: error.frame,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'VIMAGE_CLI_INTERNAL',
    message,
    hint: 'this is a bug in vimage: please report it with the file',
    file,
    line: null,
    column: null,
    frame: '',
  };
}

/**
 * Recognised by shape, so that loading this module (for --help, usage errors) loads no TypeScript.
 */
function isTransformError(error: unknown): error is TransformError {
  const problem = (error as Partial<TransformError> | null)?.problem;
  return error instanceof Error && error.name === 'TransformError' && typeof problem === 'string';
}
