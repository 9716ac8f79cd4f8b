import { readFileSync } from 'node:fs';
import { parseArgs, suggest } from './args.js';
import { CliError, fileProblem, UnreadableFileError, UsageError } from './errors.js';
import { display, Output } from './output.js';
import { verbHelp, type Verb } from './verb.js';
import { VERBS } from './verbs/index.js';

export { VERBS };
const USAGE = `vimage <${VERBS.map((v) => v.name).join('|')}> [options]`;

function mainHelp(): string {
  const pad = Math.max(...VERBS.map((v) => v.name.length));
  return [
    `usage: ${USAGE}`,
    '',
    "vimage: FreeBSD's VNET for TypeScript. See what virtualization does to a project, and which " +
      'modules it touches.',
    '',
    'verbs:',
    ...VERBS.map((v) => `  ${v.name.padEnd(pad)}  ${v.summary}`),
    '',
    'Every verb takes --json (one JSON document on stdout) and --help.',
    'Exit status: 0 success, 1 the check failed (findings, errors in the project), 2 bad usage.',
    '',
    'examples:',
    '  vimage compare examples/netstack',
    '  vimage set . --json',
    '  vimage affected . --since main --check',
    '  vimage virtualize src/state.ts --dry-run',
    '  vimage tsc -p tsconfig.json --vimage',
    '',
    "Run 'vimage <verb> --help' for a verb's options.",
    '',
  ].join('\n');
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Runs one command line; returns the exit status. Never calls process.exit, so tests can call it.
 */
export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const out = Output.for(json);
  const [first, ...rest] = argv;
  let verb: Verb | undefined;
  try {
    if (first === undefined)
      throw new UsageError('missing verb', USAGE, `one of: ${VERBS.map((v) => v.name).join(', ')}`);
    if (first === '--help' || first === '-h') return write(mainHelp());
    if (first === 'help') {
      const named = rest[0] && VERBS.find((v) => v.name === rest[0]);
      return write(named ? verbHelp(await named.load()) : mainHelp());
    }
    if (first === '--version' || first === '-v') return write(`${version()}\n`);
    const entry = VERBS.find((v) => v.name === first);
    if (!entry) {
      const what = first.startsWith('-')
        ? `unknown option ${first} before the verb`
        : `unknown verb ${JSON.stringify(first)}${suggest(
            first,
            VERBS.map((v) => v.name),
            '',
          )}`;
      throw new UsageError(what, USAGE);
    }
    verb = await entry.load();
    const args = parseArgs(rest, verb.spec, verb.usage);
    if (args.help) return write(verbHelp(verb));
    return await verb.run(args, out);
  } catch (error) {
    return report(error, out, verb);
  }
}

function write(text: string): number {
  process.stdout.write(text);
  return 0;
}

function report(thrown: unknown, out: Output, verb: Verb | undefined): number {
  const prefix = `vimage${verb ? ` ${verb.name}` : ''}`;
  const error = fileProblem(thrown) ?? thrown;
  if (!(error instanceof CliError)) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (out.json)
      out.document({
        error: {
          code: 'VIMAGE_CLI_INTERNAL',
          message: String(error instanceof Error ? error.message : error),
          hint: 'this is a bug in vimage: please report it',
          file: null,
          line: null,
          column: null,
        },
      });
    out.warn(`${prefix}: internal error: ${message}`);
    return 1;
  }
  const w = error.where;
  if (out.json)
    out.document({
      error: {
        code: error.code,
        message: error.message,
        hint: error.hint ?? null,
        file: w?.file ?? (error instanceof UnreadableFileError ? error.file : null),
        line: w?.line ?? null,
        column: w?.column ?? null,
      },
    });
  const at = w ? `${display(w.file)}:${w.line}:${w.column}: ` : '';
  const lines = [`${prefix}: ${at}${out.s.red('error')}: ${error.message}`];
  if (error.hint) lines.push(`  fix: ${error.hint}`);
  if (error.frame) lines.push(error.frame.replace(/^/gm, '  '));
  if (error instanceof UsageError)
    lines.push(
      `usage: ${error.usage}`,
      `Run '${verb ? `vimage ${verb.name} --help` : 'vimage --help'}' for more.`,
    );
  out.warn(lines.join('\n'));
  return error.exitCode;
}
