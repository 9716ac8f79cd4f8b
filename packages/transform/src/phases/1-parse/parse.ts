import type ts from 'typescript';
import { TransformError } from '../../error.js';
import { errors } from '../../codes.js';
import {
  JSDocParsingMode, ScriptKind, ScriptTarget, createSourceFile, flattenDiagnosticMessageText,
  forEachChild,
} from '../../ts.js';

const KINDS: Record<string, ts.ScriptKind> = {
  ts: ScriptKind.TS,
  mts: ScriptKind.TS,
  cts: ScriptKind.TS,
  tsx: ScriptKind.TSX,
  js: ScriptKind.JS,
  mjs: ScriptKind.JS,
  cjs: ScriptKind.JS,
  jsx: ScriptKind.JSX,
};

/**
 * The script kind from the file extension. Vite ids carry `?query` suffixes; a
 * `lang.ts`-style query (Vue/Svelte script blocks) names the language itself.
 */
export function scriptKindFor(id: string): ts.ScriptKind {
  const q = id.indexOf('?');
  if (q >= 0) {
    const lang = /(?:^|&)lang\.(\w+)(?:&|$)/.exec(id.slice(q + 1));
    if (lang && KINDS[lang[1]!] !== undefined) return KINDS[lang[1]!]!;
  }
  const path = q >= 0 ? id.slice(0, q) : id;
  const ext = /\.(\w+)$/.exec(path.replace(/#.*$/, ''))?.[1]?.toLowerCase();
  return (ext !== undefined ? KINDS[ext] : undefined) ?? ScriptKind.TS;
}

const LANGUAGE: Partial<Record<ts.ScriptKind, string>> = {
  [ScriptKind.TS]: 'TypeScript',
  [ScriptKind.TSX]: 'TypeScript with JSX',
  [ScriptKind.JS]: 'JavaScript (JSX allowed)',
  [ScriptKind.JSX]: 'JavaScript with JSX',
};

/** Phase 1: the TypeScript AST with parent pointers, or a VIMAGE_SYNTAX error at the first parse error. */
export function parse(code: string, id: string): ts.SourceFile {
  const kind = scriptKindFor(id);
  // JSDoc is not parsed: `/** @vnet *\/` is found by scanning the comment (analyze/tags.ts).
  const options = { languageVersion: ScriptTarget.Latest, jsDocParsingMode: JSDocParsingMode.ParseNone };
  const sf = createSourceFile(id, code, options, /*setParentNodes*/ false, kind);
  setParents(sf);
  // parseDiagnostics is internal but stable; a full program would cost far more.
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  if (first) {
    const message = flattenDiagnosticMessageText(first.messageText, '\n');
    const language = LANGUAGE[kind] ?? 'TypeScript';
    throw new TransformError(errors.syntax(message, language), { source: code, file: id, pos: first.start });
  }
  return sf;
}

/**
 * Parent pointers, as `setParentNodes` would set them: one recursive visitor and no closure
 * per node, where TypeScript's pass keeps a work stack (this one costs two thirds of it).
 */
let parent: ts.Node;
function bind(child: ts.Node): void {
  (child as { parent: ts.Node }).parent = parent;
  const outer = parent;
  parent = child;
  forEachChild(child, bind);
  parent = outer;
}

function setParents(sf: ts.SourceFile): void {
  parent = sf;
  forEachChild(sf, bind);
}
