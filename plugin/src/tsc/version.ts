import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from '@vimage/transform/typescript';
import { TransformError, errors } from '@vimage/transform';

/**
 * The tsc route compiles with the TypeScript 6 API (the plugin's own dependency). A project on
 * another major expects its own compiler: TypeScript 7, the native port, has no transformer API
 * (its tsc drops a `plugins` transform without a word). Every other adapter parses with the
 * plugin's TypeScript and works whatever the project uses.
 */
export function checkProjectTypeScript(version: string | undefined, where: string): void {
  const major = version === undefined ? undefined : Number(version.split('.')[0]);
  if (major === undefined || major === Number(ts.version.split('.')[0])) return;
  const why =
    major > 6
      ? `TypeScript ${version}, whose native compiler has no transformer API`
      : `TypeScript ${version}; the tsc route compiles with TypeScript ${ts.version}`;
  throw new TransformError(errors.typescriptVersion(where, why));
}

/** The version of the `typescript` package a project in `dir` resolves, or undefined if none. */
export function projectTypeScriptVersion(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    try {
      const manifest = path.join(d, 'node_modules/typescript/package.json');
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (typeof pkg.version === 'string') return pkg.version;
    } catch {
      // none here: look further up, as Node's resolution does
    }
    if (path.dirname(d) === d) return undefined;
  }
}
