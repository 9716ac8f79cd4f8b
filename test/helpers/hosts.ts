import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { expect } from 'vitest';
import { outRoot, repo, run } from './build.js';

/**
 * What the tests of the rolldown, webpack and rspack adapters share: small projects written
 * under test/.out (so that `@vimage/runtime` resolves through node_modules) and the webpack
 * options both webpack and rspack take.
 */
export async function project(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(outRoot, name);
  await rm(dir, { recursive: true, force: true });
  for (const [file, code] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), code);
  }
  return dir;
}

const MARKED = "import { VNET_DEFINE } from '@vimage/runtime';\n";

/**
 * The set is imported before any module that defines a global loads, one module is marked
 * with a tag only, and one is reached only by import() (a late chunk): the set still lists all.
 */
export const LINKER_SET_PROGRAM = {
  'main.ts': [
    "import set from 'virtual:vimage/set';",
    "import { a } from './a';",
    "import { t } from './tagged';",
    'type Row = { symbol: string; slot: number; copy: string };',
    'console.log(JSON.stringify(set.map((r: Row) => [r.symbol, r.slot, r.copy])), a, t);',
    "await import('./late');\n",
  ].join('\n'),
  'tagged.ts': '/** @vnet */ export let t = 2;\n',
  'a.ts': `${MARKED}export let a = VNET_DEFINE(1);\n/** @vnet */ export const list: number[] = [];\n`,
  'late.ts': `${MARKED}export let late = VNET_DEFINE('x');\n`,
};
const LINKER_SET_STDOUT =
  '[["a.ts#a",0,"primitive"],["a.ts#list",1,"deep"],["late.ts#late",2,"primitive"],' +
  '["tagged.ts#t",3,"primitive"]] 1 2\n';

/** The built LINKER_SET_PROGRAM prints every global, in slot order. */
export async function expectLinkerSet(entry: string): Promise<void> {
  const out = await run(entry);
  expect(out.stderr).toBe('');
  expect(out.stdout).toBe(LINKER_SET_STDOUT);
}

/** The module late-chunk loads by import() is in a chunk of its own, not in the entry's. */
export function expectLateChunk(entry: string): void {
  const dir = path.dirname(entry);
  const chunks = readdirSync(dir).filter((f) => /\.m?js$/.test(f) && f !== path.basename(entry));
  const holds = (f: string) => readFileSync(path.join(dir, f), 'utf8').includes('"plugin.ts"');
  expect(chunks.some(holds)).toBe(true);
  expect(readFileSync(entry, 'utf8')).not.toContain('default deny');
}

/** A marker inside a function: an error at net.ts line 3, column 11 (1-based). */
export const BAD_MARKER_PROGRAM = {
  'main.ts': "import { f } from './net';\nf();\n",
  'net.ts': `${MARKED}export function f() {\n  let x = VNET_DEFINE(1);\n  return x;\n}\n`,
};

/** A host's message for BAD_MARKER_PROGRAM's error: place, problem, fix and code frame. */
export function expectBadMarkerMessage(message: string, dir: string): void {
  expect(message).toContain(
    `${path.join(dir, 'net.ts')}:3:11: VNET_DEFINE is used inside a function`,
  );
  expect(message).toContain('\n  fix: move the declaration to the top level of the module');
  expect(message).toContain('\n3:   let x = VNET_DEFINE(1);\n             ^\n');
}

/** Automatically virtualized state next to a `new Function`, which the plugin warns about. */
export const VIRTUALIZE_WARNING_PROGRAM = {
  'counter.ts':
    "let n = 0;\nexport function inc() { return ++n; }\nexport const compiled = new Function('return 1');\n",
  'main.ts': "import { inc } from './counter';\ninc();\nconsole.log(inc());\n",
};

/** A host's message for VIRTUALIZE_WARNING_PROGRAM's warning: place, problem and code frame. */
export function expectVirtualizeWarning(message: string, dir: string): void {
  expect(message).toContain(
    `${path.join(dir, 'counter.ts')}:3:29: new Function compiles code at run time`,
  );
  expect(message).toContain(
    `3: export const compiled = new Function('return 1');\n${' '.repeat(31)}^`,
  );
}

/** A literal on line 7 and a rewritten access after another one on line 6 of net.ts. */
const POSITIONS_NET =
  `${MARKED}/** @vnet */ export let hits = 0;\nexport let total = VNET_DEFINE(0);\n\n` +
  "export function count() {\n  hits++; total += 2;\n  return 'the-seventh-line';\n}\n";
export const POSITIONS_PROGRAM = {
  'main.ts': "import { count } from './net';\nconsole.log(count());\n",
  'net.ts': POSITIONS_NET,
};

/** In the built POSITIONS_PROGRAM, a literal and a rewritten access map back to their place. */
export function expectPositions(entry: string): void {
  // Printers may change the quotes.
  const literal = positionInNet("'the-seventh-line'");
  expect(originalOf(entry, /["']the-seventh-line["']/)).toEqual(literal);
  expect(originalOf(entry, '$vnet_total] += 2')).toEqual(positionInNet('total += 2'));
}

/**
 * Where the first `text` in a built file maps back to through the file's `.map`: the source's
 * base name, the 1-based line and the 0-based column (the same convention as `loc`).
 */
type Position = { source: string; line: number; column: number };
function originalOf(file: string, text: string | RegExp): Position {
  const code = readFileSync(file, 'utf8');
  const at = typeof text === 'string' ? code.indexOf(text) : code.search(text);
  if (at < 0) throw new Error(`${String(text)} is not in ${file}`);
  const line = code.slice(0, at).split('\n').length;
  const column = at - code.lastIndexOf('\n', at - 1) - 1;
  const map = new TraceMap(readFileSync(`${file}.map`, 'utf8'));
  const pos = originalPositionFor(map, { line, column });
  return { source: path.basename(pos.source ?? ''), line: pos.line ?? 0, column: pos.column ?? 0 };
}

/** Where the same text is in POSITIONS_NET. */
function positionInNet(text: string): Position {
  const lines = POSITIONS_NET.split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  return { source: 'net.ts', line: line + 1, column: lines[line]!.indexOf(text) };
}

/**
 * webpack and rspack options for a node program in ES modules, `import()` making a chunk of its
 * own, the runtime external (one runtime per process), vimage before the TypeScript step.
 */
export function webpackOptions(dir: string, out: string, ts: object, plugin: object, extra = {}) {
  return {
    mode: 'development' as const,
    devtool: false as const,
    target: 'node20',
    context: dir,
    entry: { main: './main.ts' },
    output: {
      path: out,
      filename: '[name].mjs',
      chunkFilename: '[name]-[contenthash].mjs',
      module: true,
      clean: true,
    },
    experiments: { outputModule: true },
    externalsType: 'module',
    externals: { '@vimage/runtime': '@vimage/runtime' },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/, ...ts }] },
    plugins: [plugin],
    ...extra,
  };
}

/** What a test needs of webpack's and rspack's `compiler.watch`. */
interface Watching {
  close(done: () => void): void;
}
type Watch = (dir: string, built: (errors: boolean) => void) => Watching | undefined;

/**
 * In watch mode, a change that virtualizes a global down a re-export chain rewrites every
 * importer's accesses. first.ts is transformed after main.ts has read the exports of index.ts
 * and net.ts: its own resolutions reach index.ts only, yet the change to net.ts must rebuild it.
 */
export async function expectWatchRewrite(name: string, watch: Watch): Promise<void> {
  const dir = await project(name, {
    'main.ts': "import { hits } from './index';\nimport './first';\nconsole.log('main', hits);\n",
    'first.ts': "import { hits } from './index';\nconsole.log('first', hits);\n",
    'index.ts': "export * from './net';\n",
    'net.ts': 'export let hits = 1;\n',
  });
  const builds: ((errors: boolean) => void)[] = [];
  const next = () => new Promise<boolean>((resolve) => builds.push(resolve));
  const first = next();
  const watching = watch(dir, (errors) => builds.shift()?.(errors));
  if (!watching) throw new Error('the compiler did not start watching');
  const main = path.join(dir, 'dist/main.mjs');
  const access = (name: string) =>
    new RegExp(`console\\.log\\(['"]${name}['"], ([^)]*)\\)`).exec(readFileSync(main, 'utf8'))?.[1];
  try {
    expect(await first).toBe(false);
    expect(access('first')).not.toContain('__vimage');
    const second = next();
    writeFileSync(path.join(dir, 'net.ts'), `${MARKED}export let hits = VNET_DEFINE(1);\n`);
    expect(await second).toBe(false);
    expect(access('main')).toContain('__vimage.c[');
    expect(access('first')).toContain('__vimage.c[');
  } finally {
    await new Promise<void>((resolve) => watching.close(resolve));
  }
}

/**
 * The README's recipe for webpack or rspack, given the isolation program's folder and an output
 * folder: `build` returns the compilation's error messages; the program must then isolate its vnets.
 */
export async function expectRecipe(
  host: string,
  build: (context: string, out: string) => Promise<string[]>,
): Promise<void> {
  const dir = path.join(repo, 'test/programs/isolation');
  const out = path.join(outRoot, `${host}-recipe-isolation`);
  expect(await build(dir, out)).toEqual([]);
  const result = await run(path.join(out, 'main.js'));
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe(readFileSync(path.join(dir, 'expected.on.txt'), 'utf8'));
}
