/** Loading the fixture corpus (test/fixtures/<behaviour>/): see fixtures.test.ts. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleExports, VimageModuleMeta } from '../../src/index.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const ROOT = '/project';

export interface FixtureOptions {
  id?: string;
  resolver?: Record<string, ModuleExports>;
}

export interface ErrorSpec {
  code: string;
  line: number;
  column: number;
  message: string;
  /** Only this mode throws (the other has an expected output); absent: both modes throw. */
  vimage?: boolean;
}

export type Mode = 'off' | 'on';

export interface Fixture {
  name: string;
  dir: string;
  input: string;
  ext: string;
  id: string;
  description: string;
  /** `// KNOWN: reason` (both modes) or `// KNOWN (on): reason` in description.txt: an analysis bug, the test is it.fails. */
  known: Partial<Record<Mode, string>>;
  options: FixtureOptions;
  error?: ErrorSpec;
  /** null in this mode: expected.null (both modes) or expected.off.null / expected.on.null. */
  expectNull: Record<Mode, boolean>;
  meta?: Partial<VimageModuleMeta>;
}

export function loadFixture(name: string): Fixture {
  const dir = path.join(FIXTURES, name);
  const files = fs.readdirSync(dir);
  const inputFile = files.find((f) => /^input\.\w+$/.test(f));
  if (!inputFile) throw new Error(`fixture ${name}: no input.<ext>`);
  const ext = inputFile.slice('input.'.length);
  const read = (f: string): string | undefined =>
    files.includes(f) ? fs.readFileSync(path.join(dir, f), 'utf8') : undefined;
  const json = <T>(f: string): T | undefined => {
    const text = read(f);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  };
  const descriptionText = read('description.txt');
  if (!descriptionText?.trim())
    throw new Error(`fixture ${name}: description.txt is missing or empty`);
  const lines = descriptionText.trim().split('\n');
  const known: Fixture['known'] = {};
  for (const line of lines.slice(1)) {
    const m = /^\/\/ KNOWN(?: \((on|off)\))?: (.+)$/.exec(line.trim());
    if (!m)
      throw new Error(
        `fixture ${name}: description.txt has one line, plus optional "// KNOWN: reason" lines`,
      );
    for (const mode of m[1] ? [m[1] as Mode] : (['off', 'on'] as const)) known[mode] = m[2]!;
  }
  const options = json<FixtureOptions>('options.json') ?? {};
  return {
    name,
    dir,
    input: read(inputFile)!,
    ext,
    id: options.id ?? `${ROOT}/src/${name}/input.${ext}`,
    description: lines[0]!,
    known,
    options,
    error: json<ErrorSpec>('error.json'),
    expectNull: {
      off: files.includes('expected.null') || files.includes('expected.off.null'),
      on: files.includes('expected.null') || files.includes('expected.on.null'),
    },
    meta: json<Partial<VimageModuleMeta>>('meta.json'),
  };
}

export function optionsFor(f: Fixture, mode: Mode) {
  const table = f.options.resolver;
  return {
    vimage: mode === 'on',
    root: ROOT,
    ...(table && { resolver: (source: string) => table[source] ?? null }),
  };
}

export function fixtureNames(): string[] {
  return fs
    .readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}
