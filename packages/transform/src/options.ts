import { errors } from './codes.js';
import { TransformError } from './error.js';
import { nearest } from './nearest.js';
import type { ModuleExports } from './types.js';

/** Where the markers and the runtime are imported from unless `runtimeModule` says otherwise. */
export const RUNTIME_MODULE = '@vimage/runtime';

/** What the virtualize option chooses in one module. */
export interface VirtualizeOptions {
  /**
   * Also module-level bindings whose object is mutated after creation, not only reassigned ones.
   */
  objects?: boolean;
}

/**
 * Options of the compiler core. The build plugins add `include`/`exclude`, pass the rest through.
 */
export interface TransformOptions {
  /**
   * The build option VIMAGE: rewrite accesses into the current vnet (true) or compile markers away
   * (false). Default false.
   */
  vimage?: boolean;
  /** Symbols are module paths relative to this folder. Default `process.cwd()`. */
  root?: string;
  /** Produce a high-resolution source map. Default true. */
  sourceMap?: boolean;
  /** Where the markers and the runtime are imported from. Default '@vimage/runtime'. */
  runtimeModule?: string;
  /**
   * What an imported module exports that is virtualized, for cross-module rewriting:
   * `(source, importer) => exports | null`. Without it, imported bindings count as plain.
   */
  resolver?: (source: string, importer: string) => ModuleExports | null | undefined;
  /**
   * How async continuations keep their vnet with VIMAGE on. 'storage' (default): the runtime
   * keeps curvnet in an AsyncLocalStorage, which Node carries into every continuation, code the
   * plugin did not build included; transformed code re-reads it at the entry of each function
   * that touches a virtualized global and after each of its awaits and yields. 'sync-only': an
   * explicit opt-in that gives up every continuation: only the synchronous extent of withVnet
   * and bound functions switch vnets; code after an await, timers and listeners run in vnet0.
   */
  asyncContext?: AsyncContextMode;
  /**
   * Automatic virtualization of unmarked module state (VIMAGE off only registers it, so that
   * createVnet() refuses the program): true, or `{ objects: true }`
   * to include mutated objects. The plugins decide per file, from `virtualize.include`.
   */
  virtualize?: boolean | VirtualizeOptions;
}

export interface ResolvedOptions {
  vimage: boolean;
  root: string;
  sourceMap: boolean;
  runtimeModule: string;
  resolver: TransformOptions['resolver'];
  asyncContext: AsyncContextMode;
  virtualize: boolean | VirtualizeOptions;
}

export type AsyncContextMode = 'storage' | 'sync-only';
const ASYNC_CONTEXTS: readonly AsyncContextMode[] = ['storage', 'sync-only'];

const KNOWN = [
  'vimage',
  'root',
  'sourceMap',
  'runtimeModule',
  'resolver',
  'asyncContext',
  'virtualize',
] as const;

/**
 * Options the plugins own; the core accepts and ignores them, so one object can be passed through.
 */
export const PLUGIN_OPTIONS = ['include', 'exclude', 'cache'] as const;
/** The plugin options that select files. */
const PLUGIN_PATTERNS = ['include', 'exclude'] as const;

/** Options must be a plain object: `null`, a string or an array is refused, naming what it was. */
export function optionsObject<T extends object>(options: T | undefined, where = 'vimage'): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    const got =
      options === null
        ? 'null'
        : Array.isArray(options)
          ? 'an array'
          : `${typeof options} ${JSON.stringify(options)}`;
    throw new TransformError(errors.optionsNotObject(where, got));
  }
  return options;
}

/**
 * A file selection (`include`, `exclude`, `virtualize.include`): a glob, a RegExp, an array of
 * them, or null, as @rollup/pluginutils' createFilter takes.
 */
export function checkPattern(value: unknown, name: string, where = 'vimage'): void {
  const one = (v: unknown) => typeof v === 'string' || v instanceof RegExp;
  if (
    value === undefined ||
    value === null ||
    one(value) ||
    (Array.isArray(value) && value.every(one))
  )
    return;
  throw new TransformError(errors.badPattern(where, name, JSON.stringify(value) ?? typeof value));
}

export function resolveOptions(input: TransformOptions = {}, where = 'vimage'): ResolvedOptions {
  const options = optionsObject(input, where);
  for (const key of PLUGIN_PATTERNS)
    checkPattern((options as Record<string, unknown>)[key], key, where);
  for (const key of Object.keys(options)) {
    if (
      !(KNOWN as readonly string[]).includes(key) &&
      !(PLUGIN_OPTIONS as readonly string[]).includes(key)
    ) {
      const near = nearest(key, [...KNOWN, ...PLUGIN_OPTIONS]);
      const known = [...KNOWN, ...PLUGIN_OPTIONS];
      throw new TransformError(errors.unknownOption(where, key, near, known));
    }
  }
  const check = (key: keyof TransformOptions, type: string) => {
    const value = options[key];
    if (value !== undefined && typeof value !== type) {
      throw new TransformError(errors.optionType(where, key, type, typeof value));
    }
  };
  check('vimage', 'boolean');
  check('root', 'string');
  check('sourceMap', 'boolean');
  check('runtimeModule', 'string');
  check('resolver', 'function');
  const v = options.virtualize;
  if (
    v !== undefined &&
    typeof v !== 'boolean' &&
    (typeof v !== 'object' ||
      v === null ||
      Object.keys(v).some((k) => k !== 'objects') ||
      ((v as VirtualizeOptions).objects !== undefined &&
        typeof (v as VirtualizeOptions).objects !== 'boolean'))
  ) {
    throw new TransformError(errors.badVirtualize(where, JSON.stringify(v)));
  }
  if (options.asyncContext !== undefined && !ASYNC_CONTEXTS.includes(options.asyncContext)) {
    const old =
      options.asyncContext === ('await' as string) || options.asyncContext === ('hooks' as string);
    const got = JSON.stringify(options.asyncContext);
    throw new TransformError(errors.badAsyncContext(where, got, old));
  }
  return {
    vimage: options.vimage ?? false,
    root: options.root ?? (globalThis as { process?: { cwd(): string } }).process?.cwd() ?? '/',
    sourceMap: options.sourceMap ?? true,
    runtimeModule: options.runtimeModule ?? RUNTIME_MODULE,
    resolver: options.resolver,
    asyncContext: options.asyncContext ?? 'storage',
    virtualize: options.virtualize ?? false,
  };
}
