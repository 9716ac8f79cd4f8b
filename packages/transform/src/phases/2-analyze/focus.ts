import type ts from 'typescript';
import { skipWrappers } from './syntax.js';
import {
  isCallExpression,
  isClassDeclaration,
  isElementAccessExpression,
  isIdentifier,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isNamespaceImport,
  isPropertyAccessExpression,
  isVariableStatement,
} from '../../ts.js';

/**
 * The names a rewrite can touch, guessed from the module's top-level statements before the
 * walk: every value import (markers, and globals other modules may virtualize), `eval`, and
 * the module-level declarations that can be marked. Every marker form is covered: a
 * `VNET_DEFINE` call is a call of an import (or of a member of one), and a tag or a `vnet`
 * import puts every module-level variable and class in focus (a test checks, on every
 * fixture, that no marked global or class is left out).
 */
export function focusOf(sf: ts.SourceFile, code: string, runtimeModule: string): Set<string> {
  const names = new Set<string>(['eval']);
  // A tag or a decorator can mark any variable or class: then all of them are in focus.
  let marksAny = code.includes('@vnet');
  for (const s of sf.statements) {
    if (isImportDeclaration(s)) {
      const clause = s.importClause;
      if (!clause || clause.isTypeOnly) continue;
      const runtime = (s.moduleSpecifier as ts.StringLiteral).text === runtimeModule;
      if (clause.name) names.add(clause.name.text);
      const nb = clause.namedBindings;
      if (nb && isNamespaceImport(nb)) {
        names.add(nb.name.text);
        marksAny ||= runtime;
      } else if (nb) {
        for (const e of nb.elements) {
          if (e.isTypeOnly) continue;
          names.add(e.name.text);
          // `vnet` re-exported by a local module is the decorator too (the resolver tells later).
          marksAny ||= (e.propertyName ?? e.name).text === 'vnet';
        }
      }
    } else if (isImportEqualsDeclaration(s) && !s.isTypeOnly) {
      names.add(s.name.text);
    }
  }
  for (const s of sf.statements) {
    if (isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (
          isIdentifier(d.name) &&
          (marksAny || (d.initializer && callsImport(d.initializer, names)))
        )
          names.add(d.name.text);
      }
    } else if (marksAny && isClassDeclaration(s) && s.name) {
      names.add(s.name.text);
    }
  }
  return names;
}

/**
 * `f(...)`, `ns.f(...)` or `ns['f'](...)` with f or ns an import: what `VNET_DEFINE(v)` looks like.
 */
function callsImport(init: ts.Expression, imports: ReadonlySet<string>): boolean {
  const e = skipWrappers(init);
  if (!isCallExpression(e)) return false;
  let callee = skipWrappers(e.expression);
  if (isPropertyAccessExpression(callee) || isElementAccessExpression(callee))
    callee = skipWrappers(callee.expression);
  return isIdentifier(callee) && imports.has(callee.text);
}
