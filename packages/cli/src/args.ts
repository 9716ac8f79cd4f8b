import { parseArgs as nodeParseArgs } from 'node:util';
import { nearest } from '@vimage/transform/nearest';
import { UsageError } from './errors.js';

/** A flag: boolean (`--json`) or taking a value (`--since <ref>`, `-p <tsconfig>`). */
export interface FlagSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** Shown in --help after the flag. */
  value?: string;
  description: string;
}

export interface ArgSpec {
  flags: Record<string, FlagSpec>;
  /** Names of the positionals for the usage line; `...` suffix: any number. */
  positionals: { name: string; min: number; max: number };
}

export interface ParsedArgs {
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
  help: boolean;
}

/** Flags every verb takes. */
export const COMMON_FLAGS: Record<string, FlagSpec> = {
  json: { type: 'boolean', description: 'print one JSON document on stdout (shape in the README)' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/**
 * `node:util`'s parseArgs (`--flag`, `--flag=value`, `--flag value`, `-x value`, `--` ends the
 * flags), read token by token so that anything unknown is bad usage (exit 2) with the nearest
 * flag suggested, where its strict mode would throw a message of its own.
 */
export function parseArgs(argv: string[], spec: ArgSpec, usage: string): ParsedArgs {
  const all = { ...COMMON_FLAGS, ...spec.flags };
  // parseArgs refuses `short: undefined`.
  const option = (f: FlagSpec) => (f.short ? { type: f.type, short: f.short } : { type: f.type });
  const options = Object.fromEntries(Object.entries(all).map(([name, f]) => [name, option(f)]));
  const { tokens } = nodeParseArgs({
    args: argv,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const flags: ParsedArgs['flags'] = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const flag = all[token.name];
    if (!flag) {
      const known = Object.keys(all);
      throw new UsageError(`unknown option ${token.rawName}${suggest(token.name, known)}`, usage);
    }
    if (flag.type === 'string') {
      const value = token.value ?? '';
      // `--since --json`: parseArgs takes the next word whatever it is; a flag is no value.
      if (value === '' || (!token.inlineValue && value.startsWith('-'))) {
        const example = `--${token.name} ${flag.value ?? '<value>'}`;
        throw new UsageError(`option --${token.name} needs a value: ${example}`, usage);
      }
      flags[token.name] = value;
    } else if (token.value !== undefined) {
      throw new UsageError(`option --${token.name} takes no value`, usage);
    } else {
      flags[token.name] = true;
    }
  }
  const help = flags.help === true;
  if (!help) {
    const { name, min, max } = spec.positionals;
    if (positionals.length < min) throw new UsageError(`missing argument ${name}`, usage);
    if (positionals.length > max)
      throw new UsageError(`unexpected argument ${JSON.stringify(positionals[max])}`, usage);
  }
  return { flags, positionals, help };
}

/** ` (did you mean --x?)` for a near name, else nothing. */
export function suggest(word: string, names: string[], prefix = '--'): string {
  const near = nearest(word, names);
  return near ? ` (did you mean ${prefix}${near}?)` : '';
}
