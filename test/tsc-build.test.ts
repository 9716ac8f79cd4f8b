import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { emitWithVimage } from '@vimage/plugin/tsc';
import { outRoot, repo } from './helpers/build.js';

/**
 * The function programs of test/function.test.ts, compiled file by file by the TypeScript API
 * with the vimage transformer (emitWithVimage, what `vimage tsc` runs), and the emitted
 * JavaScript run as it is: the same expectations as the rollup builds.
 */
const programs = path.join(repo, 'test/programs');

/**
 * A tsconfig under test/.out that compiles one program; `module: preserve` keeps its import()
 * a real late module. No @types/node, DOM lib or type check: parsing them takes seconds per program,
 * and `npm run typecheck` checks the programs (tsconfig.test.json); emit is what is tested here.
 */
async function tsc(dir: string, on: boolean): Promise<{ entry: string; diagnostics: readonly ts.Diagnostic[] }> {
  const project = path.join(outRoot, `tsc-${path.basename(dir)}-${on ? 'on' : 'off'}`);
  await rm(project, { recursive: true, force: true });
  await mkdir(project, { recursive: true });
  const compilerOptions = { target: 'ES2022', module: 'preserve', moduleResolution: 'bundler', strict: true, skipLibCheck: true, types: [], lib: ['ES2022'], noCheck: true, rootDir: dir, outDir: 'out', declaration: true, sourceMap: true };
  await writeFile(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: [`${dir}/**/*.ts`] }));
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
  const args = ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--enable-source-maps', entry];
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { cwd: path.dirname(entry), timeout: 30_000 });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number };
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', code: typeof err.code === 'number' ? err.code : 1 };
  }
}

const errorsOf = (diagnostics: readonly ts.Diagnostic[]) => diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));

for (const name of readdirSync(programs).sort()) {
  const dir = path.join(programs, name);
  const description = readFileSync(path.join(dir, 'description.txt'), 'utf8').trim();
  describe(`tsc ${name}: ${description}`, () => {
    if (!existsSync(path.join(dir, 'expected.on.txt'))) {
      it('prints the same with VIMAGE off and on, and what the plain program prints', async () => {
        const [off, on] = await Promise.all([tsc(dir, false), tsc(dir, true)]);
        expect(errorsOf(on.diagnostics)).toEqual(errorsOf(off.diagnostics));
        const [outOff, outOn] = await Promise.all([run(off.entry), run(on.entry)]);
        expect(outOff.stderr).toBe('');
        expect(outOn.stderr).toBe('');
        expect(outOff.stdout).toBe(readFileSync(path.join(dir, 'expected.txt'), 'utf8'));
        expect(outOn.stdout).toBe(outOff.stdout);
      });
    } else {
      it('isolates the vnets with VIMAGE on', async () => {
        const { entry, diagnostics } = await tsc(dir, true);
        expect(errorsOf(diagnostics)).toEqual([]);
        const out = await run(entry);
        expect(out.stderr).toBe('');
        expect(out.stdout).toBe(readFileSync(path.join(dir, 'expected.on.txt'), 'utf8'));
      });
      it('refuses to create vnets with VIMAGE off, saying so', async () => {
        const out = await run((await tsc(dir, false)).entry);
        expect(out.code).not.toBe(0);
        expect(out.stderr).toMatch(/VimageOffError: .*this program was built without VIMAGE/);
      });
    }
  });
}
