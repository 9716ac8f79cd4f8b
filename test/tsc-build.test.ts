import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { expect } from 'vitest';
import { emitWithVimage } from '@vimage/plugin/tsc';
import { outRoot } from './helpers/build.js';
import { describePrograms } from './helpers/programs.js';

// The programs of test/programs (test/helpers/programs.ts), compiled file by file by the
// TypeScript API with the vimage transformer (emitWithVimage, what `vimage tsc` runs), and the
// emitted JavaScript run as it is.

/**
 * A tsconfig under test/.out that compiles one program; `module: preserve` keeps its import()
 * a real late module. No @types/node, DOM lib or type check: parsing them takes seconds per program,
 * and `npm run typecheck` checks the programs (tsconfig.test.json); emit is what is tested here.
 */
async function tsc(
  dir: string,
  on: boolean,
): Promise<{ entry: string; diagnostics: readonly ts.Diagnostic[] }> {
  const project = path.join(outRoot, `tsc-${path.basename(dir)}-${on ? 'on' : 'off'}`);
  await rm(project, { recursive: true, force: true });
  await mkdir(project, { recursive: true });
  const compilerOptions = {
    target: 'ES2022',
    module: 'preserve',
    moduleResolution: 'bundler',
    strict: true,
    skipLibCheck: true,
    types: [],
    lib: ['ES2022'],
    noCheck: true,
    rootDir: dir,
    outDir: 'out',
    declaration: true,
    sourceMap: true,
  };
  await writeFile(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, include: [`${dir}/**/*.ts`] }),
  );
  const result = emitWithVimage({ project, vimage: on, root: dir });
  expect(result.emitSkipped).toBe(false);
  return { entry: path.join(project, 'out/main.js'), diagnostics: result.diagnostics };
}

/**
 * The programs import relative modules without an extension, as TypeScript projects written
 * for bundlers do, and tsc keeps specifiers as written. Rather than rewrite tsc's output, Node
 * gets a resolve hook that tries `.js` after such a specifier, so what runs is what tsc wrote.
 */
const hook = `export async function resolve(s, c, next) {
  try { return await next(s, c); } catch (e) { if (/^\\.\\.?\\//.test(s) && !/\\.js$/.test(s)) return next(s + '.js', c); throw e; }
}`;
const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;

async function run(entry: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const args = [
    '--import',
    `data:text/javascript,${encodeURIComponent(register)}`,
    '--enable-source-maps',
    entry,
  ];
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, {
      cwd: path.dirname(entry),
      timeout: 30_000,
    });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number };
    return {
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? '',
      code: typeof err.code === 'number' ? err.code : 1,
    };
  }
}

const errorsOf = (diagnostics: readonly ts.Diagnostic[]) =>
  diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));

describePrograms({
  title: 'tsc ',
  build: async (dir, vimage) => {
    const { entry, diagnostics } = await tsc(dir, vimage);
    return { entry, errors: errorsOf(diagnostics) };
  },
  run,
});
