import ts from '@vimage/transform/typescript';

/**
 * Whether TypeScript emits this file as CommonJS: `module: commonjs`, or node16+ for a
 * CommonJS-format file.
 */
export function emitsCommonJs(sf: ts.SourceFile, options: ts.CompilerOptions): boolean {
  const m = options.module;
  if (m === ts.ModuleKind.CommonJS) return true;
  return (
    m !== undefined &&
    m >= ts.ModuleKind.Node16 &&
    m <= ts.ModuleKind.NodeNext &&
    sf.impliedNodeFormat === ts.ModuleKind.CommonJS
  );
}

/**
 * An import vimage added (`import { __vimage } from '@vimage/runtime'`) as a `require`. In
 * CommonJS emit TypeScript renames references to imported bindings (`runtime_1.__vimage`)
 * with the checker's help, which knows nothing of an added import: its bindings are declared
 * with `const` instead, and keep their names.
 */
export function addedImportAsRequire(statement: ts.Statement): ts.Statement {
  if (!ts.isImportDeclaration(statement) || !(statement.flags & ts.NodeFlags.Synthesized))
    return statement;
  const bindings = statement.importClause?.namedBindings;
  if (
    !bindings ||
    !ts.isNamedImports(bindings) ||
    statement.importClause!.name ||
    !ts.isStringLiteral(statement.moduleSpecifier)
  )
    return statement;
  const f = ts.factory;
  const pattern = f.createObjectBindingPattern(
    bindings.elements.map((e) =>
      f.createBindingElement(
        undefined,
        e.propertyName && f.createIdentifier(e.propertyName.text),
        f.createIdentifier(e.name.text),
      ),
    ),
  );
  const required = f.createCallExpression(f.createIdentifier('require'), undefined, [
    f.createStringLiteral(statement.moduleSpecifier.text),
  ]);
  return f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList(
      [f.createVariableDeclaration(pattern, undefined, undefined, required)],
      ts.NodeFlags.Const,
    ),
  );
}
