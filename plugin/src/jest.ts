import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import remapping from '@jridgewell/remapping';
import type TS from 'typescript';
import { TransformError, codeFrame, mayExportVirtualized, type TransformResult } from '@vimage/transform';
import { VimageCore } from './core/core.js';
import { toLocatedError } from './core/errors.js';
import { LINKER_SET_ID } from './core/linker-set.js';
import type { VimagePluginOptions } from './core/options.js';
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
  process(code: string, file: string, options: JestTransformOptions): { code: string; map: unknown };
  getCacheKey(code: string, file: string, options: JestTransformOptions): string;
}

const own = (file: string) => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as { version: string };
/** What else decides the output: this plugin, its compiler core and its TypeScript. */
const VERSIONS = [own('../package.json').version, ts.version].join('\0');

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
  const settings = JSON.stringify([options ?? {}, core.config.transform], (_, v: unknown) => (v instanceof RegExp ? String(v) : v));
  const sourcesFor = (o: JestTransformOptions) => new JestSources(core.config, o.config.moduleNameMapper);

  return {
    canInstrument: false,

    getCacheKey(code, file, o) {
      const hash = createHash('sha256').update(VERSIONS).update(settings).update(o.configString ?? '');
      hash.update(`\0${file}\0${o.supportsStaticESM ? 'esm' : 'cjs'}\0${o.instrument ? 1 : 0}\0${code}`);
      // The output also depends on what imported modules export virtualized, and for an importer
      // of the linker set on every module it reaches: their text is part of the key.
      const sources = sourcesFor(o);
      if (core.filter(file)) {
        const everything = importsLinkerSet(code);
        for (const dep of sources.closure(file, everything)) {
          const text = sources.code(dep) ?? '';
          // Of a module that cannot pass a virtualized global on, only that fact is read.
          const read = everything || mayExportVirtualized(text, core.config.optionsFor(dep)) ? text : 'plain';
          hash.update(`\0${dep}\0${read}`);
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
        process.emitWarning(`${w.loc.file}:${w.loc.line}:${w.loc.column + 1}: ${w.message}\n${w.frame}`, { code: w.code });
      }
      const set = importsLinkerSet(code) && core.filter(file)
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

/**
 * TypeScript to the JavaScript jest runs: types stripped, imports to require() in CommonJS
 * mode, `virtual:vimage/set` pointed at the file written for it. `vimageMap` maps the input
 * back to the original source; the map returned is composed through it.
 */
function compile(code: string, file: string, esm: boolean, set: string | undefined, vimageMap?: object) {
  const out = ts.transpileModule(code, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      module: esm ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      jsx: ts.JsxEmit.ReactJSX,
      esModuleInterop: true,
      sourceMap: true,
      inlineSources: true,
    },
    transformers: set ? { before: [pointAt(set)] } : undefined,
  });
  const error = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) throw syntaxError(error, file, vimageMap ? undefined : code);
  const output = out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  const tsMap = JSON.parse(out.sourceMapText!) as { sources: string[] };
  tsMap.sources = [file];
  const map = vimageMap ? remapping([tsMap as never, vimageMap as never], () => null) : tsMap;
  return { code: output, map };
}

/** A located error for what TypeScript cannot parse (in a file vimage left untouched). */
function syntaxError(d: TS.Diagnostic, file: string, source: string | undefined): Error {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return new Error(`${file}: ${message}`);
  const at = d.file.getLineAndCharacterOfPosition(d.start);
  const frame = source === undefined ? '' : `\n${codeFrame(source, at.line + 1, at.character)}`;
  return new Error(`${file}:${at.line + 1}:${at.character + 1}: ${message} (TS${d.code})${frame}`);
}

/** Rewrites every import, export, import() and require() of `virtual:vimage/set` to the written file. */
function pointAt(file: string): TS.TransformerFactory<TS.SourceFile> {
  const f = ts.factory;
  const isSet = (n: TS.Node | undefined) => !!n && ts.isStringLiteral(n) && n.text === LINKER_SET_ID;
  return (context) => (root) => {
    const visit = (node: TS.Node): TS.Node => {
      const to = f.createStringLiteral(file);
      if (ts.isImportDeclaration(node) && isSet(node.moduleSpecifier)) {
        return f.updateImportDeclaration(node, node.modifiers, node.importClause, to, node.attributes);
      }
      if (ts.isExportDeclaration(node) && isSet(node.moduleSpecifier)) {
        return f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, to, node.attributes);
      }
      if (ts.isCallExpression(node) && isSet(node.arguments[0])) {
        return f.updateCallExpression(node, node.expression, node.typeArguments, [to, ...node.arguments.slice(1)]);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitEachChild(root, visit, context);
  };
}
