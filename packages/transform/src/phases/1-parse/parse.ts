import type ts from 'typescript';
import { TransformError } from '../../error.js';
import { errors } from '../../codes.js';
import {
  JSDocParsingMode,
  ScriptKind,
  ScriptTarget,
  createSourceFile,
  flattenDiagnosticMessageText,
  forEachChild,
  loadTypeScript,
} from '../../ts.js';

const KINDS = {
  ts: 'TS',
  mts: 'TS',
  cts: 'TS',
  tsx: 'TSX',
  js: 'JS',
  mjs: 'JS',
  cjs: 'JS',
  jsx: 'JSX',
} as const;
type Kind = (typeof KINDS)[keyof typeof KINDS];

/**
 * The script kind from the file extension. Vite ids carry `?query` suffixes; a
 * `lang.ts`-style query (Vue/Svelte script blocks) names the language itself.
 */
export function scriptKindFor(id: string): ts.ScriptKind {
  loadTypeScript();
  return ScriptKind[kindOf(id)];
}

function kindOf(id: string): Kind {
  const q = id.indexOf('?');
  if (q >= 0) {
    const lang = /(?:^|&)lang\.(\w+)(?:&|$)/.exec(id.slice(q + 1));
    if (lang && Object.hasOwn(KINDS, lang[1]!)) return KINDS[lang[1] as keyof typeof KINDS];
  }
  const path = q >= 0 ? id.slice(0, q) : id;
  const ext = /\.(\w+)$/.exec(path.replace(/#.*$/, ''))?.[1]?.toLowerCase();
  return ext !== undefined && Object.hasOwn(KINDS, ext) ? KINDS[ext as keyof typeof KINDS] : 'TS';
}

const LANGUAGE: Record<Kind, string> = {
  TS: 'TypeScript',
  TSX: 'TypeScript with JSX',
  JS: 'JavaScript (JSX allowed)',
  JSX: 'JavaScript with JSX',
};

/** Phase 1: the TypeScript AST with parent pointers, or VIMAGE_SYNTAX at the first parse error. */
export function parse(code: string, id: string): ts.SourceFile {
  loadTypeScript();
  const named = kindOf(id);
  const kind = ScriptKind[named];
  // JSDoc is not parsed: `/** @vnet *\/` is found by scanning the comment (analyze/tags.ts).
  const options = {
    languageVersion: ScriptTarget.Latest,
    jsDocParsingMode: JSDocParsingMode.ParseNone,
  };
  const sf = createSourceFile(id, code, options, /*setParentNodes*/ false, kind);
  setParents(sf);
  // parseDiagnostics is internal but stable; a full program would cost far more.
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] })
    .parseDiagnostics;
  const first = diagnostics?.[0];
  if (first) {
    const message = flattenDiagnosticMessageText(first.messageText, '\n');
    throw new TransformError(errors.syntax(message, LANGUAGE[named]), {
      source: code,
      file: id,
      pos: first.start,
    });
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
