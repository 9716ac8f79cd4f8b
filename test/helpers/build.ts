import { execFile } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { transform as esbuildTransform } from 'esbuild';
import { rollup, type Plugin, type RollupLog, type RollupOutput } from 'rollup';
import vimage, { type VimagePluginOptions } from '@vimage/plugin/rollup';

export const repo = path.resolve(fileURLToPath(import.meta.url), '../../..');
/** Inside the repo, so that bundles that keep `@vimage/runtime` external resolve it through node_modules. */
export const outRoot = path.join(repo, 'test/.out');

/** The usual TypeScript stripping step that comes after vimage in a rollup config. */
export function stripTypes(): Plugin {
  return {
    name: 'strip-types',
    async transform(code, id) {
      if (!/\.[cm]?tsx?$/.test(id)) return null;
      const r = await esbuildTransform(code, {
        loader: id.endsWith('x') ? 'tsx' : 'ts',
        format: 'esm',
        sourcemap: true,
        sourcefile: id,
        target: 'es2022',
      });
      return { code: r.code, map: r.map };
    },
    resolveId(source, importer) {
      // Extensionless relative imports of .ts files, as TypeScript projects write them.
      if (!importer || !source.startsWith('.')) return null;
      return this.resolve(`${source.replace(/\.js$/, '')}.ts`, importer, { skipSelf: true });
    },
  };
}

export interface BuildResult {
  dir: string;
  entry: string;
  output: RollupOutput['output'];
}

/** Bundles `<program>/main.ts` with real rollup and the vimage plugin, chunks and all. */
export async function bundle(
  program: string,
  opts: {
    vimage: boolean;
    tag?: string;
    plugins?: Plugin[];
    asyncContext?: 'storage' | 'sync-only';
    virtualize?: VimagePluginOptions['virtualize'];
    withoutPlugin?: boolean;
    warnings?: RollupLog[];
  },
): Promise<BuildResult> {
  const name = `${path.basename(program)}-${opts.vimage ? 'on' : 'off'}${opts.tag ? `-${opts.tag}` : ''}`;
  const dir = path.join(outRoot, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const build = await rollup({
    input: path.join(program, 'main.ts'),
    plugins: [
      ...(opts.withoutPlugin
        ? []
        : [
            vimage({
              vimage: opts.vimage,
              root: program,
              asyncContext: opts.asyncContext,
              virtualize: opts.virtualize,
            }),
          ]),
      stripTypes(),
      ...(opts.plugins ?? []),
    ],
    external: (id) => id === '@vimage/runtime' || id.startsWith('node:'),
    onwarn(warning, warn) {
      if (opts.warnings && warning.plugin === 'vimage') opts.warnings.push(warning);
      else if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
    },
  });
  const { output } = await build.write({
    dir,
    format: 'es',
    sourcemap: true,
    entryFileNames: 'main.mjs',
    chunkFileNames: '[name]-[hash].mjs',
  });
  await build.close();
  return { dir, entry: path.join(dir, 'main.mjs'), output };
}

const execFileP = promisify(execFile);

export interface Exited {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a command in a child process to its end: its output and exit code, failing or not. */
export async function execute(
  command: string,
  args: string[],
  options: { cwd: string; timeout: number },
): Promise<Exited> {
  try {
    const { stdout, stderr } = await execFileP(command, args, options);
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

/** Runs a built program in a fresh Node process; stdout, and stderr for failures. */
export function run(entry: string): Promise<Exited> {
  const options = { cwd: path.dirname(entry), timeout: 30_000 };
  return execute(process.execPath, ['--enable-source-maps', entry], options);
}

// Every copy of the runtime in a process shares one state; the dev-server tests load one program
// after another in this process, and start each on a fresh record.
export { forgetRuntimeState } from '../../runtime/src/process-record.js';
