import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { VimageModuleMeta } from '@vimage/transform';
import type { VimageCore } from '../core/core.js';
import { definitions } from '../core/graph.js';
import { linkerSetModule, linkerSetRows } from '../core/linker-set.js';
import type { JestSources } from './sources.js';

/**
 * `virtual:vimage/set` under jest, which loads files one by one and has no whole-program step:
 * the set of every module the importing module reaches (import it from the test file, or from
 * the program's entry, to list the whole program), written as a real file in jest's cache
 * directory that the import is pointed at. Its name is its content's hash: a file once written
 * never changes, so a cached transform that names it stays right.
 */
export function writeLinkerSet(
  core: VimageCore,
  sources: JestSources,
  importer: string,
  cacheDirectory: string,
  esm: boolean,
): string {
  const metas: VimageModuleMeta[] = [];
  for (const file of [importer, ...sources.closure(importer, true)]) {
    const meta = definitions(core, sources.code(file) ?? '', file);
    if (meta) metas.push(meta);
  }
  const rows = linkerSetRows(metas);
  // ESM mode imports the module itself; CommonJS mode requires it, its `default` read as
  // TypeScript's CommonJS output reads it.
  const code = esm
    ? linkerSetModule(rows)
    : `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n` +
      linkerSetModule(rows).replace('export default ', 'exports.default = ');
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = path.join(cacheDirectory, 'vimage', `set-${hash}.${esm ? 'mjs' : 'cjs'}`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, code);
  return file;
}
