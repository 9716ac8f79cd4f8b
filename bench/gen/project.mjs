// Generates a project of `count` modules (rows 5, 6, 7): 10% define virtualized globals, 30%
// import and use them, the rest is plain code. Every module imports a helper from its parent
// (a tree of depth log2(count)) and main imports and calls every module, so nothing is
// tree-shaken away. Every fifth module also has an async function with awaits, which main
// awaits. `markers: false` is the same project with the markers removed.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const role = (i) => (i % 10 === 0 ? 'define' : i % 10 <= 3 ? 'import' : 'plain');
const isAsync = (i) => i % 5 === 4;

/** One module's source. `ts` adds type annotations, an interface and a @vnet static field. */
export function moduleSource(i, count, { markers = true, ts = false } = {}) {
  const t = (s) => (ts ? s : ''); // a type annotation, kept only in TypeScript
  const r = role(i);
  const d = i - (i % 10); // the definer of this module's decade
  const other = ((d + 370) % count) - (((d + 370) % count) % 10); // a second, distant definer
  const out = [];
  if (r === 'define' && markers)
    out.push(`import { VNET_DEFINE${ts ? ', vnet' : ''} } from '@vimage/runtime';`);
  if (i > 0) out.push(`import { helper${(i - 1) >> 1} } from './m${(i - 1) >> 1}.js';`);
  if (r === 'import') {
    out.push(`import { hits_${d}, table_${d}, config_${d}, bump_${d} } from './m${d}.js';`);
    if (other !== d) out.push(`import * as far from './m${other}.js';`);
  }
  out.push('');
  if (ts)
    out.push(`export interface Row${i} {\n  id: number;\n  name: string;\n  tags: string[];\n}\n`);
  const row = ts ? `Row${i}` : 'row';
  if (r === 'define') {
    const call = (v) => (markers ? `VNET_DEFINE(${v})` : v);
    out.push(
      `export let hits_${i}${t(': number')} = ${call('0')};`,
      `${markers ? '/** @vnet */ ' : ''}export const table_${i}${t(`: Map<string, Row${i}>`)} = new Map();`,
      `export const config_${i} = ${call(`{ limit: ${i + 10}, name: 'm${i}', flags: [true, false] }`)};`,
      '',
      `export function bump_${i}(n${t(': number')})${t(': number')} {`,
      `  hits_${i} += n;`,
      `  if (hits_${i} > config_${i}.limit) hits_${i} = 0;`,
      `  return hits_${i}++;`,
      '}',
      '',
    );
    if (ts && markers)
      out.push(
        `export class Counters${i} {\n  @vnet static total = 0;\n  static add(n: number): number {\n    return (Counters${i}.total += n);\n  }\n}\n`,
      );
  }
  out.push(
    `export class Store${i} {`,
    `  ${ts ? `private rows: Row${i}[]` : 'rows'} = [];`,
    `  add(row${t(`: ${row}`)})${t(': number')} {`,
    '    this.rows.push(row);',
    r === 'define' ? `    table_${i}.set(row.name, row);` : '    this.last = row.name;',
    '    return this.rows.length;',
    '  }',
    `  find(pred${t(`: (r: ${row}) => boolean`)})${t(` : ${row} | undefined`)} {`,
    '    return this.rows.find(pred);',
    '  }',
    ts ? `  last${t(': string')} = '';` : "  last = '';",
    '}',
    '',
    `export function helper${i}(x${t(': number')})${t(': number')} {`,
    '  if (x <= 0) return 0;',
    '  let acc = 0;',
    `  for (let k = 0; k < x; k++) acc += (k * ${i + 1}) % 7;`,
    `  const store = new Store${i}();`,
    "  store.add({ id: x, name: `r${x}`, tags: ['a', 'b'] });",
    `  const found = store.find((r) => r.id === x);`,
  );
  if (r === 'import') {
    out.push(
      `  const hits = hits_${d} + bump_${d}(x);`,
      `  table_${d}.set(\`k\${x}\`, { id: x, name: 'n', tags: [] });`,
      `  acc += hits + table_${d}.size + config_${d}.limit;`,
    );
    if (other !== d) out.push(`  acc += far.hits_${other} + far.config_${other}.limit;`);
  }
  if (r === 'define') out.push(`  acc += bump_${i}(1) + table_${i}.size;`);
  out.push(
    `  return acc + (found ? found.id : 0)${i > 0 ? ` + helper${(i - 1) >> 1}(x - 1)` : ''};`,
    '}',
    '',
  );
  if (isAsync(i)) {
    out.push(
      `export async function load${i}(x${t(': number')})${t(': Promise<number>')} {`,
      '  const a = await Promise.resolve(x);',
      '  await null;',
      `  const b = await new Promise${t('<number>')}((resolve) => setTimeout(() => resolve(a + 1), 0));`,
      `  return a + b + helper${i}(1);`,
      '}',
      '',
    );
  }
  return out.join('\n');
}

/** main: imports and calls every module's helper. */
export function mainSource(count) {
  const lines = [];
  for (let i = 0; i < count; i++)
    lines.push(`import { helper${i}${isAsync(i) ? `, load${i}` : ''} } from './m${i}.js';`);
  lines.push('', 'let sum = 0;');
  for (let i = 0; i < count; i++) lines.push(`sum += helper${i}(3);`);
  for (let i = 0; i < count; i++) if (isAsync(i)) lines.push(`sum += await load${i}(2);`);
  lines.push('console.log(sum);', '');
  return lines.join('\n');
}

/** Writes the project under `dir` (emptied first); returns the entry's path. */
export async function writeProject(dir, { count = 1000, markers = true } = {}) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      writeFile(path.join(dir, `m${i}.js`), moduleSource(i, count, { markers })),
    ),
  );
  const entry = path.join(dir, 'main.js');
  await writeFile(entry, mainSource(count));
  return entry;
}
