import { COMMON_FLAGS, type ArgSpec, type ParsedArgs } from './args.js';
import type { Output } from './output.js';

/** One `vimage <verb>`: its flags, its help, and what it does; returns the exit status. */
export interface Verb {
  name: string;
  summary: string;
  /** The usage line, without the leading `usage: `. */
  usage: string;
  spec: ArgSpec;
  /** What the verb prints and its exit status, for --help. */
  details: string[];
  examples: string[];
  run(args: ParsedArgs, out: Output): number | Promise<number>;
}

export function verbHelp(verb: Verb): string {
  const flags = Object.entries({ ...verb.spec.flags, ...COMMON_FLAGS }).map(([name, f]) => {
    const short = f.short ? `-${f.short}, ` : '    ';
    const value = f.type === 'string' ? ` ${f.value ?? '<value>'}` : '';
    const left = `${short}--${name}${value}`;
    return [left, f.description] as const;
  });
  const pad = Math.max(...flags.map(([l]) => l.length));
  return [
    `usage: ${verb.usage}`,
    '',
    verb.summary,
    '',
    ...verb.details,
    '',
    'options:',
    ...flags.map(([l, d]) => `  ${l.padEnd(pad)}  ${d}`),
    '',
    'examples:',
    ...verb.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}
