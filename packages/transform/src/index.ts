import { analyze, type Analysis } from './phases/2-analyze/index.js';
import { collectExports } from './exports.js';
import type { ModuleExports, TransformResult } from './types.js';
import {
  RUNTIME_MODULE,
  resolveOptions,
  type ResolvedOptions,
  type TransformOptions,
} from './options.js';
import { parse } from './phases/1-parse/parse.js';
import { modulePath, symbolOf } from './symbols.js';
import { rewrite } from './phases/3-transform/index.js';
import { virtualizedOf } from './phases/2-analyze/virtualize.js';
import { importSources } from './sources.js';

export { TransformError, codeFrame, locate, type Loc, type TransformErrorCode } from './error.js';
export {
  ERROR_CODES,
  WARNING_CODES,
  errors,
  warnings,
  type ErrorMessage,
  type WarningMessage,
  type TransformWarningCode,
} from './codes.js';
export type {
  Definition,
  ExportTarget,
  ModuleExports,
  TransformResult,
  TransformWarning,
  VimageModuleMeta,
} from './types.js';
export type { TransformOptions, VirtualizeOptions } from './options.js';
export { tokenMap } from './phases/3-transform/sourcemap.js';
export { modulePath, cleanId, symbolOf } from './symbols.js';
export { importSources } from './sources.js';
export { findModuleState, type ModuleStateEntry } from './state.js';
export {
  resolveOptions,
  optionsObject,
  checkPattern,
  PLUGIN_OPTIONS,
  RUNTIME_MODULE,
} from './options.js';
export { SOURCE_EXTENSION, isSourceFile, isDeclarationFile, isCommonJsFile } from './files.js';
export { nearest } from './nearest.js';
export { skipWrappers } from './phases/2-analyze/syntax.js';

/**
 * String in, `{ code, map, meta }` out, or null when the module neither marks nor references
 * virtualized globals. `options.resolver` tells what imported modules export that is virtualized.
 */
export function transform(
  code: string,
  id: string,
  options?: TransformOptions,
): TransformResult | null {
  const o = resolveOptions(options);
  return transformAs(concernOf(code, id, o), code, id, o);
}

function transformAs(
  concern: Concern,
  code: string,
  id: string,
  o: ResolvedOptions,
): TransformResult | null {
  if (concern === 'none') return null;
  return rewrite(analysisOf(code, id, o, 'take'), o);
}

/** An async resolver, as bundlers have: resolves what the module imports first, then transforms. */
export type AsyncResolve = (
  source: string,
  importer: string,
) => Promise<ModuleExports | null | undefined>;

export async function transformAsync(
  code: string,
  id: string,
  options: Omit<TransformOptions, 'resolver'> & { resolve?: AsyncResolve } = {},
): Promise<TransformResult | null> {
  const { resolve, ...rest } = options;
  const resolver = await prefetch(code, id, rest.runtimeModule, resolve);
  const o = resolveOptions({ ...rest, resolver: resolver ?? undefined });
  // What the prefetch found decides, without listing the imports again.
  const concern: Concern = resolver !== null || virtualizesAll(o) ? 'full' : 'none';
  return transformAs(concern, code, id, o);
}

/**
 * The exports of a module that reach virtualized globals, from its source alone: what a host
 * hands back from its resolver for an importer of this module.
 */
export function exportsOf(code: string, id: string, options?: TransformOptions): ModuleExports {
  const o = resolveOptions(options);
  if (concernOf(code, id, o) !== 'full') return {};
  const a = analysisOf(code, id, o, 'keep');
  const module = modulePath(id, o.root);
  const own = new Map(
    virtualizedOf(a, o)
      .filter((v) => v.binding)
      .map((v) => [v.binding!, symbolOf(module, v.name)]),
  );
  return collectExports(a, own, o);
}

export async function exportsOfAsync(
  code: string,
  id: string,
  options: Omit<TransformOptions, 'resolver'> & { resolve?: AsyncResolve } = {},
): Promise<ModuleExports> {
  const { resolve, ...rest } = options;
  if (!mayExportVirtualized(code, rest)) return {};
  const resolver = await prefetch(code, id, rest.runtimeModule, resolve);
  if (resolver === null && !virtualizesAll(rest)) return {};
  return exportsOf(code, id, { ...rest, resolver: resolver ?? undefined });
}

/**
 * Resolves every import source of the module up front. Null when the module cannot be
 * concerned: no marker import and no import that reaches a virtualized global.
 */
async function prefetch(
  code: string,
  id: string,
  runtimeModule = RUNTIME_MODULE,
  resolve?: AsyncResolve,
): Promise<TransformOptions['resolver'] | null> {
  const marked = mayMark(code, runtimeModule);
  if (!resolve) return marked ? undefined : null;
  const sources = [...new Set(importSources(code))].filter((s) => s !== runtimeModule);
  const found = new Map<string, ModuleExports>();
  await Promise.all(
    sources.map(async (source) => {
      const exports = await resolve(source, id);
      if (exports && Object.keys(exports).length) found.set(source, exports);
    }),
  );
  if (!marked && !found.size) return null;
  return (source) => found.get(source) ?? null;
}

/**
 * Hosts ask for a module's exports (while transforming its importers) and then transform it:
 * both read the same analysis, which never changes once made. `exportsOf` keeps its analysis
 * for the transform, which takes it out: an analysis holds its syntax tree, and nothing reads
 * it after the transform (a module is transformed once), so none is kept past that. The
 * bound is for modules whose exports were asked for but which are never transformed.
 */
const analyses = new Map<string, Analysis>();
function analysisOf(code: string, id: string, o: ResolvedOptions, use: 'keep' | 'take'): Analysis {
  // Automatic virtualization reads every module-level binding's references: no focus.
  const focused = !virtualizesAll(o);
  const key = `${focused}\0${o.runtimeModule}\0${id}`;
  const known = analyses.get(key);
  if (use === 'take') analyses.delete(key);
  if (known && known.code === code) return known;
  const a = analyze(parse(code, id), code, id, {
    runtimeModule: o.runtimeModule,
    resolver: o.resolver,
    focused,
  });
  if (use === 'keep') {
    analyses.delete(key);
    analyses.set(key, a);
    if (analyses.size > 256) analyses.delete(analyses.keys().next().value!);
  }
  return a;
}

/**
 * A marker import, a `/** @vnet *\/` tag (which needs no import at all), or a marker's name
 * (imported through a local module that re-exports the runtime's markers).
 */
function mayMark(code: string, runtimeModule: string): boolean {
  return (
    code.includes(runtimeModule) ||
    /@vnet(?![\w$-])/.test(code) ||
    /\bVNET_(?:DEFINE|SYSINIT|SYSUNINIT)\b/.test(code)
  );
}

/** What a module needs: the full analysis, or nothing. */
type Concern = 'full' | 'none';

/**
 * Cheap tests before parsing. 'full': a marker, an import a resolver knows, or automatic
 * virtualization; 'none': the module is not concerned, and is returned untouched.
 */
function concernOf(code: string, id: string, o: ResolvedOptions): Concern {
  if (mayMark(code, o.runtimeModule) || virtualizesAll(o)) return 'full';
  const resolver = o.resolver;
  const imports =
    resolver &&
    importSources(code).some((source) => {
      const exports = resolver(source, id);
      return !!exports && Object.keys(exports).length > 0;
    });
  return imports ? 'full' : 'none';
}

/**
 * The virtualize option: every module of the selection is analysed in full, in both modes (VIMAGE
 * off registers the automatic globals as built off, so createVnet() can refuse the program).
 */
function virtualizesAll(o: Pick<TransformOptions, 'vimage' | 'virtualize'>): boolean {
  return !!o.virtualize;
}

/**
 * Whether a module's exports could reach virtualized globals: markers of its own (or the virtualize
 * option), or re-exports (`export *`, an export clause, `export import`). A host reading sources
 * for `exportsOf` reads only such modules.
 */
export function mayExportVirtualized(
  code: string,
  options: Pick<TransformOptions, 'vimage' | 'virtualize' | 'runtimeModule'> = {},
): boolean {
  if (virtualizesAll(options)) return true;
  return (
    mayMark(code, options.runtimeModule ?? RUNTIME_MODULE) ||
    /\bexport\s*(?:\*|\{)|\bexport\s+import\b/.test(code) ||
    MAY_MARK_RENAMED.test(code)
  );
}

/**
 * Whether what a module exports virtualized can depend on what its imports export: the same test
 * without the virtualize option, which makes a module export its own automatic globals whatever
 * it imports. A host reading sources follows only these modules' imports (date-fns's 250 leaf
 * modules, each virtualized, re-export nothing and need none of theirs resolved).
 */
export function exportsReadImports(
  code: string,
  options: Pick<TransformOptions, 'runtimeModule'> = {},
): boolean {
  return mayExportVirtualized(code, { runtimeModule: options.runtimeModule });
}

/**
 * A marker imported under a name of its own (`export { VNET_DEFINE as virtualized }` in a local
 * module) leaves no marker name in the text: an exported declaration initialized by a call
 * (`export let hits = virtualized(0)`) may be one, and the module's imports then say
 * (transformAsync's prefetch). A decorated static field needs no test: importers reach it
 * through its class, whose accessors the defining module installs.
 */
const MAY_MARK_RENAMED = /\bexport\s+(?:let|const|var)\s[^;]*?=\s*[\w$.]+\s*(?:<[^;]*?>\s*)?\(/;
