// A module of n primitive virtualized globals (rows 3 and 4), its plain twin for fresh
// import() and the same declarations as a classic script for node:vm.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { outDir } from '../harness.mjs';

const decls = (n, wrap) =>
  Array.from({ length: n }, (_, i) => `export let g${i} = ${wrap(i)};`).join('\n');

/** Writes the marked and plain modules; returns their paths and the script text. */
export async function globals(n) {
  const dir = path.join(outDir, 'globals');
  await mkdir(dir, { recursive: true });
  const marked = path.join(dir, `globals-${n}.ts`);
  const plain = path.join(dir, `globals-${n}-plain.mjs`);
  await writeFile(
    marked,
    `import { VNET_DEFINE } from '@vimage/runtime';\nexport { createVnet, withVnet, vnet0 } from '@vimage/runtime';\n${decls(n, (i) => `VNET_DEFINE(${i})`)}\n`,
  );
  await writeFile(plain, `${decls(n, (i) => `${i}`)}\n`);
  const script = decls(n, (i) => `${i}`).replaceAll('export let', 'let');
  return { marked, plainUrl: pathToFileURL(plain).href, script };
}
