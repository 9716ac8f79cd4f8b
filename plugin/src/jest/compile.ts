import remapping from '@jridgewell/remapping';
import type TS from 'typescript';
import { codeFrame } from '@vimage/transform';
import { LINKER_SET_ID } from '../core/linker-set.js';
import { ts } from './sources.js';

/**
 * TypeScript to the JavaScript jest runs: types stripped, imports to require() in CommonJS
 * mode, `virtual:vimage/set` pointed at `set`, the file written for it. `vimageMap` maps the
 * input back to the original source; the map returned is composed through it.
 */
export function compile(
  code: string,
  file: string,
  esm: boolean,
  set: string | undefined,
  vimageMap?: object,
): { code: string; map: object } {
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

/**
 * A located error for what TypeScript cannot parse (in a file vimage left untouched: it parses
 * the files it transforms first, and reports their errors itself).
 */
function syntaxError(d: TS.Diagnostic, file: string, source: string | undefined): Error {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return new Error(`${file}: ${message}`);
  const at = d.file.getLineAndCharacterOfPosition(d.start);
  const frame = source === undefined ? '' : `\n${codeFrame(source, at.line + 1, at.character)}`;
  return new Error(`${file}:${at.line + 1}:${at.character + 1}: ${message} (TS${d.code})${frame}`);
}

/** Points every import, export, import() and require() of `virtual:vimage/set` at `file`. */
function pointAt(file: string): TS.TransformerFactory<TS.SourceFile> {
  const f = ts.factory;
  const isSet = (n: TS.Node | undefined) =>
    !!n && ts.isStringLiteral(n) && n.text === LINKER_SET_ID;
  return (context) => (root) => {
    const visit = (node: TS.Node): TS.Node => {
      const to = f.createStringLiteral(file);
      if (ts.isImportDeclaration(node) && isSet(node.moduleSpecifier)) {
        const { modifiers, importClause, attributes } = node;
        return f.updateImportDeclaration(node, modifiers, importClause, to, attributes);
      }
      if (ts.isExportDeclaration(node) && isSet(node.moduleSpecifier)) {
        const { modifiers, isTypeOnly, exportClause, attributes } = node;
        return f.updateExportDeclaration(node, modifiers, isTypeOnly, exportClause, to, attributes);
      }
      if (ts.isCallExpression(node) && isSet(node.arguments[0])) {
        const args = [to, ...node.arguments.slice(1)];
        return f.updateCallExpression(node, node.expression, node.typeArguments, args);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitEachChild(root, visit, context);
  };
}
