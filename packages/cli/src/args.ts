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
 * GNU-style parsing, small on purpose: `--flag`, `--flag=value`, `--flag value`, `-x value`,
 * `--` ends the flags. Anything unknown is bad usage (exit 2), with the nearest flag suggested.
 */
export function parseArgs(argv: string[], spec: ArgSpec, usage: string): ParsedArgs {
  const all = { ...COMMON_FLAGS, ...spec.flags };
  const flags: ParsedArgs['flags'] = {};
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(all).filter(([, f]) => f.short).map(([name, f]) => [f.short!, name]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const eq = arg.indexOf('=');
    const key = long ? arg.slice(2, eq > 0 ? eq : undefined) : arg.slice(1, 2);
    const name = long ? key : byShort.get(key);
    const flag = name !== undefined ? all[name] : undefined;
    if (!name || !flag) throw new UsageError(`unknown option ${long ? `--${key}` : `-${key}`}${suggest(key, Object.keys(all))}`, usage);
    let value: string | boolean = true;
    const inline = long ? (eq > 0 ? arg.slice(eq + 1) : undefined) : arg.length > 2 ? arg.slice(2) : undefined;
    if (flag.type === 'string') {
      value = inline ?? argv[++i] ?? '';
      if (value === '' || (inline === undefined && value.startsWith('-'))) throw new UsageError(`option --${name} needs a value: --${name} ${flag.value ?? '<value>'}`, usage);
    } else if (inline !== undefined) {
      throw new UsageError(`option --${name} takes no value`, usage);
    }
    flags[name] = value;
  }
  const help = flags.help === true;
  if (!help) {
    const { name, min, max } = spec.positionals;
    if (positionals.length < min) throw new UsageError(`missing argument ${name}`, usage);
    if (positionals.length > max) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[max])}`, usage);
  }
  return { flags, positionals, help };
}

/** ` (did you mean --x?)` for a near name, else nothing. */
export function suggest(word: string, names: string[], prefix = '--'): string {
  const near = names.find((n) => distance(n, word) <= Math.max(1, Math.floor(n.length / 3)));
  return near ? ` (did you mean ${prefix}${near}?)` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
