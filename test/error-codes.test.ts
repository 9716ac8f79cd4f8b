import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, WARNING_CODES } from '@vimage/transform';
import { CLI_CODES } from '@vimage/cli';

// The code tables (the transform's ERROR_CODES and WARNING_CODES, the CLI's CLI_CODES, the
// runtime's error classes) against the READMEs' tables and the codes the sources raise.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(repo, file), 'utf8');
const CODE = /VIMAGE_[A-Z0-9_]+/g;
/** Environment variables, not codes. */
const NOT_CODES = new Set(['VIMAGE_DEBUG', 'VIMAGE_OPTIONS']);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(repo, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

/** The runtime's codes, as its error classes pass them to VimageError (whichever file holds them). */
const runtimeCodes = sourceFiles('runtime/src').flatMap((f) =>
  [...read(f).matchAll(/super\(\s*'(VIMAGE_[A-Z0-9_]+)'/g)].map((m) => m[1]!),
);
const tables: Record<string, string[]> = {
  'packages/transform/README.md': [...Object.keys(ERROR_CODES), ...Object.keys(WARNING_CODES)],
  'packages/cli/README.md': Object.keys(CLI_CODES),
  'runtime/README.md': runtimeCodes,
};
const all = new Set(Object.values(tables).flat());

/** The codes in the first two cells of a README's table rows (`| code |` or `| Class | code |`). */
function tableCodes(readme: string): string[] {
  return read(readme)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) => line.split('|').slice(1, 3).join('|').match(CODE) ?? [])
    .filter((c) => !NOT_CODES.has(c));
}

describe('error codes', () => {
  it('finds the runtime error classes', () => {
    expect(runtimeCodes).toContain('VIMAGE_VNET_DESTROYED');
    expect(runtimeCodes.length).toBeGreaterThanOrEqual(10);
  });

  for (const [readme, codes] of Object.entries(tables)) {
    it(`${readme} has a table row for every code of its package and none other`, () => {
      expect([...new Set(tableCodes(readme))].sort()).toEqual([...new Set(codes)].sort());
    });
  }

  it('no README names a code that does not exist', () => {
    const readmes = [...new Set(['README.md', 'plugin/README.md', ...Object.keys(tables)])];
    const named = readmes.flatMap((readme) =>
      (read(readme).match(CODE) ?? []).map((code) => ({ readme, code })),
    );
    expect(named.length).toBeGreaterThan(40);
    const unknown = named.filter(({ code }) => !all.has(code) && !NOT_CODES.has(code));
    expect(unknown).toEqual([]);
  });

  it('every code a source raises is in a table', () => {
    const dirs = ['runtime/src', 'packages/transform/src', 'plugin/src', 'packages/cli/src'];
    const raised = dirs
      .flatMap(sourceFiles)
      .flatMap((f) =>
        [...read(f).matchAll(/'(VIMAGE_[A-Z0-9_]+)'/g)].map((m) => ({ file: f, code: m[1]! })),
      );
    expect(raised.length).toBeGreaterThan(20);
    expect(raised.filter((r) => !all.has(r.code) && !NOT_CODES.has(r.code))).toEqual([]);
  });
});
