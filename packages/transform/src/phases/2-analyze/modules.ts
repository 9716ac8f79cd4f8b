import type ts from 'typescript';
import { hasModifier, isAmbient, nameText } from './syntax.js';
import type {
  Binding,
  ImportInfo,
  ImportSpecifierInfo,
  Reexport,
  Reference,
  Scope,
} from './types.js';
import {
  SyntaxKind,
  isBindingElement,
  isClassDeclaration,
  isEnumDeclaration,
  isExportAssignment,
  isExportDeclaration,
  isExternalModuleReference,
  isFunctionDeclaration,
  isIdentifier,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isModuleDeclaration,
  isNamespaceExport,
  isNamespaceImport,
  isStringLiteral,
  isVariableStatement,
} from '../../ts.js';

export interface ModuleTables {
  imports: ImportInfo[];
  exports: Map<string, Binding>;
  reexports: Reexport[];
  defaultExpression: ts.Expression | undefined;
}

/**
 * The module's import and export tables, from its top-level statements. Fills each
 * import binding's `import` and each exported binding's `exported`.
 */
export function moduleTables(
  sf: ts.SourceFile,
  module: Scope,
  references: Reference[],
): ModuleTables {
  const t: ModuleTables = {
    imports: [],
    exports: new Map(),
    reexports: [],
    defaultExpression: undefined,
  };
  const own = (name: string): Binding | undefined => module.bindings.get(name);
  const exportAs = (binding: Binding | undefined, as: string): void => {
    if (!binding) return;
    if (!binding.exported.includes(as)) binding.exported.push(as);
    t.exports.set(as, binding);
  };

  for (const s of sf.statements) {
    if (isImportDeclaration(s)) t.imports.push(importInfo(s, own));
    else if (isImportEqualsDeclaration(s)) {
      t.imports.push(importEqualsInfo(s, own));
      if (hasModifier(s, SyntaxKind.ExportKeyword) && !s.isTypeOnly)
        exportAs(own(s.name.text), s.name.text);
    } else if (isExportDeclaration(s)) {
      if (s.moduleSpecifier) t.reexports.push(...reexports(s));
    } else if (isExportAssignment(s)) {
      if (!s.isExportEquals) t.defaultExpression = s.expression;
    } else if (hasModifier(s, SyntaxKind.ExportKeyword) && !isAmbient(s)) {
      const isDefault = hasModifier(s, SyntaxKind.DefaultKeyword);
      for (const name of declaredNames(s)) exportAs(own(name), isDefault ? 'default' : name);
    }
  }
  // `export { x as y }`: the walker made x a reference; it resolves to a module binding.
  for (const ref of references) {
    if (!ref.exportSpecifier || !ref.binding) continue;
    const spec = ref.node.parent as ts.ExportSpecifier;
    exportAs(ref.binding, nameText(spec.name));
  }
  return t;
}

function importInfo(
  s: ts.ImportDeclaration,
  own: (name: string) => Binding | undefined,
): ImportInfo {
  const source = (s.moduleSpecifier as ts.StringLiteral).text;
  const clause = s.importClause;
  const typeOnly = clause?.isTypeOnly ?? false;
  const specifiers: ImportSpecifierInfo[] = [];
  const add = (
    imported: string,
    local: ts.Identifier,
    node: ImportSpecifierInfo['node'],
    specTypeOnly: boolean,
  ): void => {
    const binding = specTypeOnly ? undefined : own(local.text);
    // The first declaration wins in a scope; only the import's own binding gets `import`.
    if (binding && binding.declaration === node) binding.import = { source, imported };
    specifiers.push({ imported, local: local.text, node, typeOnly: specTypeOnly, binding });
  };
  if (clause?.name) add('default', clause.name, clause, typeOnly);
  const nb = clause?.namedBindings;
  if (nb && isNamespaceImport(nb)) add('*', nb.name, nb, typeOnly);
  else if (nb)
    for (const e of nb.elements)
      add(nameText(e.propertyName ?? e.name), e.name, e, typeOnly || e.isTypeOnly);
  return { node: s, source, specifiers, typeOnly, sideEffectOnly: !clause };
}

function importEqualsInfo(
  s: ts.ImportEqualsDeclaration,
  own: (name: string) => Binding | undefined,
): ImportInfo {
  const ref = s.moduleReference;
  const external = isExternalModuleReference(ref) && isStringLiteral(ref.expression);
  const source = external ? (ref.expression as ts.StringLiteral).text : ref.getText();
  const binding = s.isTypeOnly ? undefined : own(s.name.text);
  // `import x = require('m')` binds the whole module object.
  if (binding && external && binding.declaration === s) binding.import = { source, imported: '*' };
  return {
    node: s,
    source,
    specifiers: [{ imported: '*', local: s.name.text, node: s, typeOnly: s.isTypeOnly, binding }],
    typeOnly: s.isTypeOnly,
    sideEffectOnly: false,
  };
}

function reexports(s: ts.ExportDeclaration): Reexport[] {
  if (s.isTypeOnly) return [];
  const source = (s.moduleSpecifier as ts.StringLiteral).text;
  const clause = s.exportClause;
  if (!clause) return [{ node: s, source, kind: 'all' }];
  if (isNamespaceExport(clause))
    return [{ node: s, source, kind: 'namespace', exported: nameText(clause.name) }];
  return clause.elements
    .filter((e) => !e.isTypeOnly)
    .map((e) => ({
      node: s,
      source,
      kind: 'named' as const,
      imported: nameText(e.propertyName ?? e.name),
      exported: nameText(e.name),
    }));
}

/** Names an `export`ed declaration statement binds in the module scope. */
function declaredNames(s: ts.Statement): string[] {
  if (isVariableStatement(s)) {
    const out: string[] = [];
    const collect = (n: ts.BindingName): void => {
      if (isIdentifier(n)) out.push(n.text);
      else for (const e of n.elements) if (isBindingElement(e)) collect(e.name);
    };
    s.declarationList.declarations.forEach((d) => collect(d.name));
    return out;
  }
  if (
    (isFunctionDeclaration(s) && s.body) ||
    isClassDeclaration(s) ||
    isEnumDeclaration(s) ||
    (isModuleDeclaration(s) && isIdentifier(s.name))
  ) {
    return s.name ? [s.name.text] : [];
  }
  return [];
}
