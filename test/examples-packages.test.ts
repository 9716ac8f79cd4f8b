import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo } from './helpers/build.js';

/**
 * Every example is a project of its own: a package.json that declares each package its files
 * import, and a tsconfig that needs nothing outside its folder, so it can be copied out and run.
 */
const examples = path.join(repo, 'examples');
const SOURCE = /\.(?:[cm]?[jt]s)$/;
const BARE_IMPORT = /(?:^|[^\w.-])(?:from|import)\s*\(?\s*['"]([^'".][^'"]*)['"]/gm;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory())
      return name === 'node_modules' || name === 'dist' || name.startsWith('.') ? [] : files(full);
    return SOURCE.test(name) ? [full] : [];
  });
}

/** `@scope/name/sub` and `name/sub` to the package name; `node:` built-ins and virtual ids are not packages. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('node:') || specifier.startsWith('virtual:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

describe.each(readdirSync(examples).filter((e) => statSync(path.join(examples, e)).isDirectory()))(
  'examples/%s',
  (name) => {
    const dir = path.join(examples, name);

    it('declares in its package.json every package its files import', () => {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const declared = new Set([
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.devDependencies ?? {}),
      ]);
      const imported = new Set(
        files(dir).flatMap((f) =>
          [...readFileSync(f, 'utf8').matchAll(BARE_IMPORT)]
            .map((m) => packageOf(m[1]!))
            .filter((p): p is string => !!p),
        ),
      );
      expect([...imported].filter((p) => !declared.has(p)).sort()).toEqual([]);
      expect(manifest.private).toBe(true);
    });

    it('has a tsconfig that extends nothing outside its folder', () => {
      const tsconfig = JSON.parse(readFileSync(path.join(dir, 'tsconfig.json'), 'utf8'));
      expect(tsconfig.extends === undefined || !String(tsconfig.extends).startsWith('..')).toBe(
        true,
      );
    });
  },
);
