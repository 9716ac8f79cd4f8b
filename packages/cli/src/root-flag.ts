import type { ParsedArgs } from './args.js';

/** `--root` of the verbs that print symbols: the folder they are relative to (see openProject). */
export const ROOT_FLAG = {
  type: 'string',
  value: '<folder>',
  description:
    'symbols are module paths relative to it (default: the nearest folder upward ' +
    'with a package.json)',
} as const;

export function rootOf(args: ParsedArgs): string | undefined {
  return args.flags.root as string | undefined;
}
