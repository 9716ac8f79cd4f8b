import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { outRoot } from './build.js';

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
  'main.ts': "import set from 'virtual:vimage/set';\nimport { a } from './a';\nimport { t } from './tagged';\nconsole.log(JSON.stringify(set.map((r: { symbol: string; slot: number; copy: string }) => [r.symbol, r.slot, r.copy])), a, t);\nawait import('./late');\n",
  'tagged.ts': '/** @vnet */ export let t = 2;\n',
  'a.ts': `${MARKED}export let a = VNET_DEFINE(1);\n/** @vnet */ export const list: number[] = [];\n`,
  'late.ts': `${MARKED}export let late = VNET_DEFINE('x');\n`,
};
export const LINKER_SET_STDOUT = '[["a.ts#a",0,"primitive"],["a.ts#list",1,"deep"],["late.ts#late",2,"primitive"],["tagged.ts#t",3,"primitive"]] 1 2\n';

/** A marker inside a function: an error at net.ts line 3, column 11 (1-based). */
export const BAD_MARKER_PROGRAM = {
  'main.ts': "import { f } from './net';\nf();\n",
  'net.ts': `${MARKED}export function f() {\n  let x = VNET_DEFINE(1);\n  return x;\n}\n`,
};

/**
 * Why `scopes` prints differently with VIMAGE on in webpack and rspack: their namespace objects
 * have a non-enumerable `__esModule`, which the runtime's view of an escaping namespace
 * (`__vimage.view` in runtime/src/linker.ts) copies as an enumerable key, so `Object.keys(ns)`
 * and `{ ...ns }` gain `__esModule`. The view should copy only enumerable keys.
 */
export const NAMESPACE_VIEW = "the namespace view lists webpack's non-enumerable __esModule";

/**
 * webpack and rspack options for a node program in ES modules, `import()` making a chunk of its
 * own, the runtime external (one runtime per process), vimage before the TypeScript step.
 */
export function webpackOptions(dir: string, out: string, typescript: object, plugin: object, extra: object = {}) {
  return {
    mode: 'development' as const,
    devtool: false as const,
    target: 'node20',
    context: dir,
    entry: { main: './main.ts' },
    output: { path: out, filename: '[name].mjs', chunkFilename: '[name]-[contenthash].mjs', module: true, clean: true },
    experiments: { outputModule: true },
    externalsType: 'module',
    externals: { '@vimage/runtime': '@vimage/runtime' },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/, ...typescript }] },
    plugins: [plugin],
    ...extra,
  };
}
