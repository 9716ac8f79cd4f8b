import type { TransformError } from '@vimage/transform';

export interface Where {
  file: string;
  line: number;
  /** 1-based, as editors and tsc print it. */
  column: number;
}

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

/** Unknown verb or flag, a missing argument, a path that does not exist: exit 2 with the usage line. */
export class UsageError extends CliError {
  constructor(message: string, readonly usage: string, hint?: string) {
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

export function moduleError(error: unknown, file: string): ModuleError {
  if (isTransformError(error)) {
    const [problem = error.message] = error.message.split('\n');
    return {
      code: error.code,
      message: problem.replace(/^.*?:\d+:\d+: /, ''),
      hint: error.hint,
      file: error.loc?.file ?? file,
      line: error.loc?.line ?? null,
      column: error.loc ? error.loc.column + 1 : null,
      frame: error.frame,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'VIMAGE_CLI_INTERNAL', message, hint: 'this is a bug in vimage: please report it with the file', file, line: null, column: null, frame: '' };
}

/** Recognised by shape, so that loading this module (for --help, usage errors) does not load TypeScript. */
function isTransformError(error: unknown): error is TransformError {
  return error instanceof Error && error.name === 'TransformError' && typeof (error as TransformError).hint === 'string';
}
