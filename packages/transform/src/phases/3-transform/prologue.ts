import type ts from 'typescript';
import type MagicString from 'magic-string';
import type { Analysis } from '../2-analyze/index.js';
import type { Plan } from './plan.js';
import {
  isExpressionStatement,
  isExternalModuleReference,
  isImportDeclaration,
  isStringLiteral,
} from '../../ts.js';
import { isCommonJsFile } from '../../files.js';
import { cleanId } from '../../symbols.js';

/**
 * The registration every touched module performs before its body runs: its mode, the
 * globals it defines, the symbols it references. VIMAGE on also binds the slot constants.
 * It goes on the first line, ahead of the first statement, so no original line moves.
 */
export function insertPrologue(
  ms: MagicString,
  a: Analysis,
  plan: Plan,
  vimage: boolean,
  runtimeModule: string,
  asyncContext?: string,
): void {
  const defs = plan.own.map((o) => o.v.name);
  const refs = [...plan.refs.keys()];
  const slots = [...plan.own.map((o) => o.slotVar), ...plan.refs.values()];
  const cjs = isCommonJsFile(cleanId(a.id)) && !a.imports.length;
  const source = JSON.stringify(runtimeModule);
  const as = plan.linker === '__vimage' ? '' : ` as ${plan.linker}`;
  const linkerImport = cjs
    ? `const { __vimage: ${plan.linker} } = require(${source});`
    : `import { __vimage${as} } from ${source};`;
  const mode = vimage && asyncContext ? `, ${JSON.stringify(asyncContext)}` : '';
  const args = `${JSON.stringify(plan.module)}, ${vimage}, ${JSON.stringify(defs)}, `;
  const call = `${plan.linker}.register(${args}${JSON.stringify(refs)}${mode})`;
  // A module that only tags its SYSINIT handlers registers nothing and uses nothing of the linker.
  const registers = defs.length || refs.length || !vimage;
  const body = !registers
    ? ''
    : vimage && slots.length
      ? `const [${slots.join(', ')}] = ${call};`
      : `${call};`;
  if (body !== '' || plan.own.length > 0) ms.appendLeft(insertionPoint(a), linkerImport + body);
  // Automatic globals take their reference copy at the module's end (after boot): seal them there.
  const auto = plan.own.filter((o) => o.v.form === 'auto').map((o) => o.slotVar);
  if (vimage && auto.length)
    appendLastLine(ms, a.code, `${plan.linker}.seal([${auto.join(', ')}]);`);
}

/**
 * At the end of the last line, so no line is added; on a line of its own only after a `//` comment.
 * After whatever else ends there (a compiled `await` closes its parenthesis at the end of the
 * file), and after a semicolon: the last statement may rely on ASI (`await p`, a template literal).
 */
function appendLastLine(ms: MagicString, code: string, text: string): void {
  const end = code.endsWith('\n') ? code.length - 1 : code.length;
  const lastLine = code.slice(code.lastIndexOf('\n', end - 1) + 1, end);
  if (lastLine.includes('//')) ms.append(code.endsWith('\n') ? `${text}\n` : `\n${text}`);
  else ms.appendRight(end, `${/;\s*$/.test(lastLine) ? ' ' : '; '}${text}`);
}

/**
 * After a hashbang and the directive prologue ('use strict', 'use client'), which must stay first.
 */
function insertionPoint(a: Analysis): number {
  const sf = a.sourceFile;
  let last: ts.Statement | undefined;
  for (const s of sf.statements) {
    if (isExpressionStatement(s) && isStringLiteral(s.expression)) last = s;
    else return s.getStart(sf);
  }
  if (last) return last.end;
  return a.code.startsWith('#!') ? a.code.indexOf('\n') + 1 || a.code.length : 0;
}

/**
 * An import whose bindings all became slot accesses looks unused, and TypeScript strippers
 * (esbuild, tsc, swc) drop unused imports: the defining module would never load. A bare
 * import of the same source right after it keeps the module, in the same evaluation order.
 */
export function keepImports(ms: MagicString, a: Analysis, plan: Plan): void {
  for (const info of a.imports) {
    // `import x = require('m')` is dropped the same way when x looks unused; `import x = N.M` loads
    // nothing.
    const external =
      isImportDeclaration(info.node) || isExternalModuleReference(info.node.moduleReference);
    if (!external) continue;
    const rewritten = info.specifiers.some(
      (s) => s.binding && (plan.access.has(s.binding) || plan.namespaces.has(s.binding)),
    );
    if (rewritten) ms.appendLeft(info.node.end, `import ${JSON.stringify(info.source)};`);
  }
}
