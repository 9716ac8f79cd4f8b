import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  BuildOptions,
  BuildResult,
  Loader,
  PartialMessage,
  Plugin,
  PluginBuild,
} from 'esbuild';
import {
  SOURCE_EXTENSION,
  TransformError,
  type Loc,
  type ModuleExports,
  type VimageModuleMeta,
} from '@vimage/transform';
import { VimageCore, type ResolveId } from './core/core.js';
import { exposedAutoGlobals, type ExposedGlobal } from './core/exposed.js';
import { reachableMetas } from './core/graph.js';
import { LINKER_SET_ID, linkerSetModule, linkerSetRows } from './core/linker-set.js';
import type { VimagePluginOptions } from './core/options.js';
import { vimageUnplugin } from './unplugin.js';

export type { VimagePluginOptions } from './core/options.js';

const NAMESPACE = 'vimage';
const LOADERS: Record<string, Loader> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.jsx': 'jsx',
};

/**
 * `@vimage/plugin/esbuild`. Put it before plugins that load the same files: it loads each
 * file the filter accepts that marks or reaches virtualized globals, and leaves every other
 * file to esbuild. esbuild chains the inline source map it returns.
 *
 * `virtual:vimage/set` is built from a walk of the module graph from the entry points
 * (reachableMetas), not from the modules transformed so far (incomplete for the first
 * importers) nor by patching the output in onEnd (that needs `write: false` and shifts
 * source-map columns). onEnd checks that no transformed module with definitions was missed;
 * esbuild writes its output before onEnd, so the plugin writes it instead, once that check passed.
 */
export default function vimage(options?: VimagePluginOptions): Plugin {
  return vimageUnplugin.esbuild(options);
}

/** The whole esbuild adapter, whose `setup` goes behind the factory's `esbuild` key. */
export function esbuildHooks(options?: VimagePluginOptions): Plugin {
  const core = new VimageCore(options, 'esbuild');
  return {
    name: 'vimage',
    setup(build) {
      const cwd = build.initialOptions.absWorkingDir ?? process.cwd();
      const write = build.initialOptions.write !== false;
      build.initialOptions.write = false;
      const resolveId: ResolveId = async (source, importer) => {
        const r = await build.resolve(source, {
          importer,
          kind: 'import-statement',
          resolveDir: path.dirname(importer),
        });
        return r.errors.length || r.external || r.namespace !== 'file' ? null : r.path;
      };
      let set: Promise<Map<string, VimageModuleMeta>> | undefined;
      const transformed = new Map<string, VimageModuleMeta>();
      // What each entry exports that is virtualized, read while the build can still resolve.
      const exposes = core.config.transform.vimage && exportsEntries(build.initialOptions);
      let entryFiles: Promise<string[]> | undefined;
      const entryExports = new Map<string, Promise<ModuleExports>>();

      build.onStart(() => {
        core.reset();
        set = undefined;
        transformed.clear();
        entryFiles = undefined;
        entryExports.clear();
      });

      build.onResolve({ filter: /^virtual:vimage\/set$/ }, () => ({
        path: LINKER_SET_ID,
        namespace: NAMESPACE,
      }));

      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async () => {
        set ??= entries(build, cwd).then((files) => reachableMetas(core, files, resolveId));
        return { contents: linkerSetModule(linkerSetRows((await set).values())), loader: 'js' };
      });

      // Without `include`, only script extensions can pass the filter: esbuild skips the JS call
      // for the rest.
      build.onLoad(
        { filter: options?.include === undefined ? SOURCE_EXTENSION : /.*/, namespace: 'file' },
        async (args) => {
          if (!core.filter(args.path)) return undefined;
          if (exposes && (await (entryFiles ??= entries(build, cwd))).includes(args.path)) {
            entryExports.set(args.path, core.exportsOfFile(args.path, resolveId));
          }
          const code = await readFile(args.path, 'utf8');
          try {
            const result = await core.transform(code, args.path, resolveId);
            if (!result) return undefined;
            transformed.set(args.path, result.meta);
            const warnings = result.warnings.map((w) => ({
              text: w.message,
              location: esbuildLocation(w.loc, code, w.loc.file),
              detail: w.code,
            }));
            const map = result.map ? `\n//# sourceMappingURL=${result.map.toUrl()}\n` : '';
            return {
              contents: result.code + map,
              loader: loaderOf(build, args.path),
              watchFiles: [args.path],
              warnings,
            };
          } catch (error) {
            if (error instanceof TransformError)
              return { errors: [toEsbuildMessage(error, cwd, args.path, code)] };
            throw error;
          }
        },
      );

      build.onEnd(async (result) => {
        const missed = set ? missedBy(await set, transformed) : [];
        if (write) await writeOutput(result, !missed.length);
        const warnings = result.errors.length
          ? []
          : await exposedWarnings(entryExports, cwd, transformed);
        if (!missed.length) return { warnings };
        return {
          warnings,
          errors: [
            {
              text:
                `virtual:vimage/set misses ${missed.join(', ')}: ` +
                'reached only through a computed import()',
              notes: [
                {
                  text: 'fix: import it with a literal specifier somewhere the entry points reach',
                },
              ],
            },
          ],
        };
      });
    },
  };
}

/**
 * Whether the output hands an entry's exports to other code: all but an iife with no global name.
 */
function exportsEntries(o: BuildOptions): boolean {
  const bundled = o.platform === 'node' ? 'cjs' : o.platform === 'neutral' ? 'esm' : 'iife';
  return (o.format ?? (o.bundle ? bundled : 'esm')) !== 'iife' || !!o.globalName;
}

/** VIMAGE_W_EXPORT for each entry whose bundle exports an automatically virtualized global. */
async function exposedWarnings(
  entryExports: Map<string, Promise<ModuleExports>>,
  cwd: string,
  modules: Map<string, VimageModuleMeta>,
): Promise<PartialMessage[]> {
  const found = await Promise.all(
    [...entryExports].map(async ([file, pending]) => {
      const exports = await pending;
      const bundle = `the bundle of ${path.relative(cwd, file)}`;
      return exposedAutoGlobals(bundle, Object.keys(exports), exports, modules);
    }),
  );
  const location = (w: ExposedGlobal) => esbuildLocation(w.loc, readOr(w.id), w.loc.file);
  return found.flat().map((w) => ({ text: w.message, location: location(w), detail: w.code }));
}

/** Transformed modules with definitions that the walk from the entry points did not find. */
function missedBy(listed: Map<string, unknown>, done: Map<string, VimageModuleMeta>): string[] {
  const missed = [...done].filter(([file, meta]) => meta.defines.length && !listed.has(file));
  return missed.map(([, meta]) => meta.module);
}

/** What esbuild writes with `write: true`, unless the build failed; the result stays as it was. */
async function writeOutput(result: BuildResult, passed: boolean): Promise<void> {
  const files = result.outputFiles ?? [];
  delete result.outputFiles;
  if (!passed || result.errors.length) return;
  await Promise.all(
    files.map(async (f) => {
      await mkdir(path.dirname(f.path), { recursive: true });
      await writeFile(f.path, f.contents);
    }),
  );
}

/** The entry points as files, in every form esbuild accepts them. */
async function entries(build: PluginBuild, cwd: string): Promise<string[]> {
  const raw = build.initialOptions.entryPoints ?? [];
  const list = Array.isArray(raw)
    ? raw.map((e) => (typeof e === 'string' ? e : e.in))
    : Object.values(raw);
  const files = await Promise.all(
    list.map(async (entry) => {
      // esbuild reads `src/main.ts` as a path relative to the working directory first, as here.
      if (existsSync(path.resolve(cwd, entry))) return path.resolve(cwd, entry);
      const r = await build.resolve(entry, { kind: 'entry-point', resolveDir: cwd });
      return r.errors.length || r.namespace !== 'file' ? null : r.path;
    }),
  );
  return files.filter((f): f is string => !!f);
}

function loaderOf(build: PluginBuild, file: string): Loader {
  const ext = path.extname(file);
  return build.initialOptions.loader?.[ext] ?? LOADERS[ext] ?? 'js';
}

/**
 * esbuild prints `file:line:column`, the line with a caret, and notes; `detail` keeps the error.
 */
export function toEsbuildMessage(
  error: TransformError,
  cwd: string,
  id: string,
  code: string,
): PartialMessage {
  const loc = error.loc;
  const source = !loc || loc.file === id ? code : readOr(loc.file);
  return {
    text: error.problem,
    location: loc ? esbuildLocation(loc, source, path.relative(cwd, loc.file)) : null,
    notes: [{ text: `fix: ${error.hint}` }],
    detail: error,
  };
}

/**
 * esbuild's column is a UTF-8 byte offset in the line, ours (as rollup's) a UTF-16 index not
 * counting a byte order mark: every location handed to esbuild goes through here.
 */
export function esbuildLocation(
  loc: Loc,
  source: string,
  file: string,
): PartialMessage['location'] {
  let lineText = source.split('\n')[loc.line - 1] ?? '';
  if (loc.line === 1 && lineText.charCodeAt(0) === 0xfeff) lineText = lineText.slice(1);
  lineText = lineText.replace(/\r$/, '');
  return {
    file,
    line: loc.line,
    column: Buffer.byteLength(lineText.slice(0, loc.column), 'utf8'),
    lineText,
  };
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
