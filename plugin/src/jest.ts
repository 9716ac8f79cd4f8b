import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TransformError, mayExportVirtualized, type TransformResult } from '@vimage/transform';
import { VimageCore } from './core/core.js';
import { placedWarningText } from './core/errors.js';
import { toLocatedError } from './core/errors.js';
import { LINKER_SET_ID } from './core/linker-set.js';
import type { VimagePluginOptions } from './core/options.js';
import { compile } from './jest/compile.js';
import { writeLinkerSet } from './jest/set.js';
import { JestSources, ts, type ModuleNameMapper } from './jest/sources.js';

export type { VimagePluginOptions } from './core/options.js';

/** What jest passes a transformer's `process` and `getCacheKey` (the fields read here). */
export interface JestTransformOptions {
  /** Under `--experimental-vm-modules`, for a file jest loads as an ES module. */
  supportsStaticESM?: boolean;
  instrument?: boolean;
  configString?: string;
  config: { cacheDirectory: string; moduleNameMapper?: ModuleNameMapper };
}

export interface JestTransformer {
  canInstrument: false;
  process(code: string, file: string, options: JestTransformOptions): { code: string; map: object };
  getCacheKey(code: string, file: string, options: JestTransformOptions): string;
}

const manifest = new URL('../package.json', import.meta.url);
const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
/** What else decides the output: this plugin's version (its core's is pinned) and TypeScript's. */
const VERSIONS = `${version}\0${ts.version}`;

/**
 * `@vimage/plugin/jest`, a jest transformer:
 * `transform: { '\\.[cm]?[jt]sx?$': ['@vimage/plugin/jest', { vimage: true }] }`.
 * vimage's transform, then TypeScript's transpileModule (the plugin's own TypeScript) to the
 * module format jest runs the file in: CommonJS, or ES modules when jest asks for them
 * (`--experimental-vm-modules` with the file's extension in `extensionsToTreatAsEsm`). Source
 * maps are composed through both steps, so stacks point into the original file.
 */
export function createTransformer(options?: VimagePluginOptions): JestTransformer {
  const core = new VimageCore(options, 'jest');
  const regexps = (_: string, v: unknown) => (v instanceof RegExp ? String(v) : v);
  const settings = JSON.stringify([options ?? {}, core.config.transform], regexps);
  const sourcesFor = (o: JestTransformOptions) =>
    new JestSources(core.config, o.config.moduleNameMapper);

  return {
    canInstrument: false,

    getCacheKey(code, file, o) {
      const hash = createHash('sha256').update(VERSIONS).update(settings);
      hash.update(`\0${o.configString ?? ''}\0${file}\0${o.supportsStaticESM ? 'esm' : 'cjs'}`);
      hash.update(`\0${o.instrument ? 1 : 0}\0${code}`);
      // The output also depends on what imported modules export virtualized, and for an importer
      // of the linker set on every module it reaches: their text is part of the key.
      if (core.filter(file)) {
        const sources = sourcesFor(o);
        const everything = importsLinkerSet(code);
        for (const dep of sources.closure(file, everything)) {
          const text = sources.code(dep) ?? '';
          // Of a module that cannot pass a virtualized global on, only that fact is read.
          const passes = mayExportVirtualized(text, core.config.optionsFor(dep));
          hash.update(`\0${dep}\0${everything || passes ? text : 'plain'}`);
        }
      }
      return hash.digest('hex');
    },

    process(code, file, o) {
      const esm = !!o.supportsStaticESM;
      const sources = sourcesFor(o);
      let result: TransformResult | null;
      try {
        result = core.transformSync(code, file, sources.resolver);
      } catch (error) {
        throw error instanceof TransformError ? toLocatedError(error) : error;
      }
      for (const w of result?.warnings ?? []) {
        process.emitWarning(placedWarningText(w), { code: w.code });
      }
      const set =
        importsLinkerSet(code) && core.filter(file)
          ? writeLinkerSet(core, sources, file, o.config.cacheDirectory, esm)
          : undefined;
      return compile(result?.code ?? code, file, esm, set, result?.map ?? undefined);
    },
  };
}

export default { createTransformer };

function importsLinkerSet(code: string): boolean {
  return code.includes(LINKER_SET_ID);
}
