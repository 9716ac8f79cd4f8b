import type ts from 'typescript';
import { patternExpressions, variableKind } from './bindings.js';
import { isNameOnly, referenceTo } from './references.js';
import { createScope, declare } from './scope.js';
import { hasModifier, isAmbient, isIntrinsicJsxName, skipWrappers } from './syntax.js';
import type { Binding, Reference, Scope } from './types.js';
import {
  SyntaxKind,
  canHaveDecorators,
  forEachChild,
  getDecorators,
  isArrowFunction,
  isBindingElement,
  isBlock,
  isClassDeclaration,
  isClassStaticBlockDeclaration,
  isComputedPropertyName,
  isExternalModuleReference,
  isForInStatement,
  isForOfStatement,
  isFunctionExpression,
  isIdentifier,
  isJsxClosingElement,
  isModuleBlock,
  isNamedExports,
  isNamespaceImport,
  isPropertyAccessExpression,
  isPropertyDeclaration,
  isTypeNode,
  isVariableDeclarationList,
  isVariableStatement,
} from '../../ts.js';

export interface WalkResult {
  module: Scope;
  scopes: Scope[];
  /** Unresolved yet: `binding` is filled by resolve(). */
  references: Reference[];
  /** The innermost scope each scope-opening node opens. */
  nodeScopes: Map<ts.Node, Scope>;
  /** Direct-eval candidates: calls of a bare `eval`. */
  evalCalls: ts.CallExpression[];
  withs: ts.WithStatement[];
  /** Module-level names that exist only as types (interfaces, aliases, `declare`, type imports). */
  typeNames: Set<string>;
}

type FunctionLike =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

/**
 * One pass over the AST: opens scopes, declares bindings (hoisting `var`), and collects
 * value references with the scope they occur in. Types are never entered.
 */
export function walk(sf: ts.SourceFile, focus?: ReadonlySet<string>): WalkResult {
  const w = new Walker(sf, focus);
  for (const s of sf.statements) w.visit(s);
  return w.result;
}

class Walker {
  scope: Scope;
  result: WalkResult;

  /**
   * With a focus, only the names in it are declared below module level and referenced (export
   * specifiers excepted): a name outside it is never looked up, so its inner declarations
   * cannot shadow anything that matters. Module-level names are always declared.
   */
  constructor(
    sf: ts.SourceFile,
    private readonly focus: ReadonlySet<string> | undefined,
  ) {
    this.scope = createScope('module', sf, null);
    this.result = {
      module: this.scope,
      scopes: [this.scope],
      references: [],
      nodeScopes: new Map([[sf, this.scope]]),
      evalCalls: [],
      withs: [],
      typeNames: new Set(),
    };
  }

  readonly visit = (node: ts.Node): void => {
    switch (node.kind) {
      case SyntaxKind.Identifier:
        return this.reference(node as ts.Identifier);
      case SyntaxKind.InterfaceDeclaration:
      case SyntaxKind.TypeAliasDeclaration:
        return this.typeName((node as ts.InterfaceDeclaration).name);
      case SyntaxKind.TypeParameter:
      case SyntaxKind.IndexSignature:
      case SyntaxKind.NamespaceExportDeclaration:
      case SyntaxKind.MissingDeclaration:
      case SyntaxKind.MetaProperty:
      case SyntaxKind.BreakStatement:
      case SyntaxKind.ContinueStatement:
      case SyntaxKind.JsxNamespacedName:
      case SyntaxKind.SemicolonClassElement:
        return;
      case SyntaxKind.ExpressionWithTypeArguments:
        // An instantiation expression `f<T>`: heritage clauses are handled by classLike.
        return this.visit((node as ts.ExpressionWithTypeArguments).expression);
      case SyntaxKind.VariableStatement:
        return this.variableStatement(node as ts.VariableStatement);
      case SyntaxKind.VariableDeclarationList:
        return this.declarationList(node as ts.VariableDeclarationList);
      case SyntaxKind.FunctionDeclaration:
        return this.functionDeclaration(node as ts.FunctionDeclaration);
      case SyntaxKind.FunctionExpression:
      case SyntaxKind.ArrowFunction:
      case SyntaxKind.MethodDeclaration:
      case SyntaxKind.Constructor:
      case SyntaxKind.GetAccessor:
      case SyntaxKind.SetAccessor:
        return this.functionLike(node as FunctionLike);
      case SyntaxKind.ClassDeclaration:
      case SyntaxKind.ClassExpression:
        return this.classLike(node as ts.ClassLikeDeclaration);
      case SyntaxKind.Block:
        return this.statementsIn('block', node as ts.Block, (node as ts.Block).statements);
      case SyntaxKind.ForStatement:
      case SyntaxKind.ForInStatement:
      case SyntaxKind.ForOfStatement:
        return this.forStatement(node as ts.ForStatement | ts.ForInOrOfStatement);
      case SyntaxKind.SwitchStatement: {
        const s = node as ts.SwitchStatement;
        this.visit(s.expression);
        return this.inScope('switch', s.caseBlock, () => s.caseBlock.clauses.forEach(this.visit));
      }
      case SyntaxKind.CatchClause:
        return this.catchClause(node as ts.CatchClause);
      case SyntaxKind.ModuleDeclaration:
        return this.namespace(node as ts.ModuleDeclaration);
      case SyntaxKind.EnumDeclaration:
        return this.enumDeclaration(node as ts.EnumDeclaration);
      case SyntaxKind.ImportDeclaration:
        return this.importDeclaration(node as ts.ImportDeclaration);
      case SyntaxKind.ImportEqualsDeclaration:
        return this.importEquals(node as ts.ImportEqualsDeclaration);
      case SyntaxKind.ExportDeclaration:
        return this.exportDeclaration(node as ts.ExportDeclaration);
      case SyntaxKind.LabeledStatement:
        return this.visit((node as ts.LabeledStatement).statement);
      case SyntaxKind.PropertyAccessExpression:
        return this.visit((node as ts.PropertyAccessExpression).expression);
      case SyntaxKind.QualifiedName:
        return this.visit((node as ts.QualifiedName).left);
      case SyntaxKind.PropertyAssignment: {
        const p = node as ts.PropertyAssignment;
        if (isComputedPropertyName(p.name)) this.visit(p.name);
        return this.visit(p.initializer);
      }
      case SyntaxKind.JsxOpeningElement:
      case SyntaxKind.JsxSelfClosingElement:
      case SyntaxKind.JsxClosingElement:
        return this.jsxTag(
          node as ts.JsxOpeningElement | ts.JsxSelfClosingElement | ts.JsxClosingElement,
        );
      case SyntaxKind.JsxAttribute: {
        const init = (node as ts.JsxAttribute).initializer;
        return init && this.visit(init);
      }
      case SyntaxKind.CallExpression: {
        const call = node as ts.CallExpression;
        const callee = skipWrappers(call.expression);
        // `eval?.()` is an indirect eval: it cannot see the module's scope.
        if (isIdentifier(callee) && callee.text === 'eval' && !call.questionDotToken)
          this.result.evalCalls.push(call);
        break;
      }
      case SyntaxKind.WithStatement:
        this.result.withs.push(node as ts.WithStatement);
        break;
    }
    if (isTypeNode(node)) return;
    forEachChild(node, this.visit);
  };

  private reference(id: ts.Identifier): void {
    if (this.focus && !this.focus.has(id.text)) return;
    if (isNameOnly(id)) return;
    this.result.references.push(referenceTo(id, this.scope));
  }

  private typeName(name: ts.Identifier | ts.StringLiteral | ts.BindingName | undefined): void {
    if (this.scope === this.result.module && name && isIdentifier(name))
      this.result.typeNames.add(name.text);
  }

  private inScope(kind: Scope['kind'], node: ts.Node, body: () => void): void {
    const outer = this.enter(kind, node);
    try {
      body();
    } finally {
      this.scope = outer;
    }
  }

  /** Opens a scope; returns the one to restore. For the hot cases, without a closure per scope. */
  private enter(kind: Scope['kind'], node: ts.Node): Scope {
    const outer = this.scope;
    const scope = createScope(kind, node, outer);
    this.result.scopes.push(scope);
    this.result.nodeScopes.set(node, scope);
    this.scope = scope;
    return outer;
  }

  /** The statements of a block or body in a scope of their own. */
  private statementsIn(
    kind: Scope['kind'],
    node: ts.Block | ts.ClassStaticBlockDeclaration,
    statements: readonly ts.Statement[],
  ): void {
    const outer = this.enter(kind, node);
    for (const s of statements) this.visit(s);
    this.scope = outer;
  }

  /** Declares a name, unless the focus leaves it out (below module level). */
  private declare(
    scope: Scope,
    name: string,
    kind: Binding['kind'],
    declaration: ts.Node,
    identifier: ts.Identifier | undefined,
  ): Binding | undefined {
    if (this.focus && scope !== this.result.module && !this.focus.has(name)) return undefined;
    return declare(scope, name, kind, declaration, identifier);
  }

  /**
   * Declares every name of a binding name or (nested) destructuring pattern; returns the bindings.
   */
  private declareNames(
    name: ts.BindingName,
    kind: Binding['kind'],
    scope: Scope,
    declaration: ts.Node,
    out: Binding[] = [],
  ): Binding[] {
    if (isIdentifier(name)) {
      const b = this.declare(scope, name.text, kind, declaration, name);
      if (b) out.push(b);
      return out;
    }
    for (const element of name.elements) {
      if (isBindingElement(element)) this.declareNames(element.name, kind, scope, declaration, out);
    }
    return out;
  }

  private decorators(node: ts.Node): void {
    if (canHaveDecorators(node)) getDecorators(node)?.forEach(this.visit);
  }

  private variableStatement(node: ts.VariableStatement): void {
    if (isAmbient(node)) {
      for (const d of node.declarationList.declarations) this.typeName(d.name);
      return;
    }
    this.declarationList(node.declarationList);
  }

  private declarationList(list: ts.VariableDeclarationList): void {
    const kind = variableKind(list);
    const target = kind === 'var' ? this.scope.varScope : this.scope;
    const forHead = isForInStatement(list.parent) || isForOfStatement(list.parent);
    for (const d of list.declarations) {
      for (const b of this.declareNames(d.name, kind, target, d)) {
        // A `var` redeclared with a value, or a for-in/of `var`, is assigned by its declaration.
        if (kind === 'var' && (forHead || (d.initializer && b.declaration !== d)))
          b.reassigned = true;
      }
      patternExpressions(d.name).forEach(this.visit);
      if (d.initializer) this.visit(d.initializer);
    }
  }

  private functionDeclaration(node: ts.FunctionDeclaration): void {
    if (!node.body || isAmbient(node)) return this.typeName(node.name);
    // ESM is strict: a function declaration is scoped to its block, and hoisted within it.
    if (node.name) this.declare(this.scope, node.name.text, 'function', node, node.name);
    this.functionLike(node);
  }

  private functionLike(node: FunctionLike): void {
    this.decorators(node);
    if (node.name && isComputedPropertyName(node.name)) this.visit(node.name.expression);
    // Overloads and abstract members have no body and exist only for the checker.
    if (!node.body) return;
    for (const p of node.parameters) this.decorators(p);
    const open = (): void => {
      this.inScope('params', node, () => {
        if (!isArrowFunction(node))
          this.declare(this.scope, 'arguments', 'arguments', node, undefined);
        for (const p of node.parameters) {
          if (isIdentifier(p.name) && p.name.text === 'this') continue;
          this.declareNames(p.name, 'param', this.scope, p);
        }
        for (const p of node.parameters) {
          patternExpressions(p.name).forEach(this.visit);
          if (p.initializer) this.visit(p.initializer);
        }
        const body = node.body!;
        if (isBlock(body)) {
          this.statementsIn(isArrowFunction(node) ? 'arrow' : 'function', body, body.statements);
        } else {
          this.visit(body);
        }
      });
    };
    if (isFunctionExpression(node) && node.name) {
      const name = node.name;
      this.inScope('function-name', node, () => {
        this.declare(this.scope, name.text, 'function', node, name);
        open();
      });
    } else {
      open();
    }
  }

  private classLike(node: ts.ClassLikeDeclaration): void {
    if (isAmbient(node)) return this.typeName(node.name);
    this.decorators(node);
    const name = node.name;
    if (isClassDeclaration(node) && name) this.declare(this.scope, name.text, 'class', node, name);
    this.inScope('class', node, () => {
      if (name) this.declare(this.scope, name.text, 'class', node, name);
      for (const clause of node.heritageClauses ?? []) {
        // `implements` names types only; `extends` evaluates its expression.
        if (clause.token === SyntaxKind.ExtendsKeyword)
          clause.types.forEach((t) => this.visit(t.expression));
      }
      for (const member of node.members) this.classMember(member);
    });
  }

  private classMember(member: ts.ClassElement): void {
    if (isPropertyDeclaration(member)) {
      // A decorator on a `declare` field is an error for the checker, yet a use of the marker.
      this.decorators(member);
      if (isAmbient(member)) return;
      if (isComputedPropertyName(member.name)) this.visit(member.name.expression);
      if (member.initializer) this.visit(member.initializer);
    } else if (isClassStaticBlockDeclaration(member)) {
      this.statementsIn('static-block', member, member.body.statements);
    } else {
      this.visit(member);
    }
  }

  private forStatement(node: ts.ForStatement | ts.ForInOrOfStatement): void {
    const init = node.initializer;
    const lexical = init && isVariableDeclarationList(init) && variableKind(init) !== 'var';
    if (lexical) this.inScope('for', node, () => forEachChild(node, this.visit));
    else forEachChild(node, this.visit);
  }

  private catchClause(node: ts.CatchClause): void {
    this.inScope('catch', node, () => {
      const v = node.variableDeclaration;
      if (v) {
        this.declareNames(v.name, 'catch', this.scope, v);
        patternExpressions(v.name).forEach(this.visit);
      }
      this.visit(node.block);
    });
  }

  private namespace(node: ts.ModuleDeclaration): void {
    // `declare module 'x'`, `declare global`, `declare namespace`: types only.
    if (isAmbient(node) || !isIdentifier(node.name)) return this.typeName(node.name);
    this.declare(this.scope, node.name.text, 'namespace', node, node.name);
    this.inScope('namespace', node, () => {
      // The exports of the other declarations of a merged namespace are in scope bare (N.x).
      for (const other of mergedWith(node)) {
        const body = (other as ts.ModuleDeclaration).body;
        if (!body || !isModuleBlock(body)) continue;
        for (const st of body.statements) {
          if (!hasModifier(st, SyntaxKind.ExportKeyword)) continue;
          if (isVariableStatement(st))
            st.declarationList.declarations.forEach((d) =>
              this.declareNames(d.name, 'const', this.scope, d),
            );
          else if (
            (st as ts.DeclarationStatement).name &&
            isIdentifier((st as ts.DeclarationStatement).name!)
          ) {
            const name = (st as ts.DeclarationStatement).name as ts.Identifier;
            this.declare(this.scope, name.text, 'const', st, name);
          }
        }
      }
      const body = node.body;
      if (body && isModuleBlock(body)) body.statements.forEach(this.visit);
      else if (body) this.visit(body);
    });
  }

  private enumDeclaration(node: ts.EnumDeclaration): void {
    if (isAmbient(node)) return this.typeName(node.name);
    this.declare(this.scope, node.name.text, 'enum', node, node.name);
    // Members are visible bare in the enum's own initializers: `enum E { A = 1, B = A }`.
    this.inScope('enum', node, () => {
      // Members of every declaration of a merged enum are visible bare (E.x).
      for (const e of [node, ...mergedWith(node)] as ts.EnumDeclaration[]) {
        for (const m of e.members)
          if (isIdentifier(m.name)) this.declare(this.scope, m.name.text, 'enum-member', m, m.name);
      }
      for (const m of node.members) {
        if (isComputedPropertyName(m.name)) this.visit(m.name.expression);
        if (m.initializer) this.visit(m.initializer);
      }
    });
  }

  private importDeclaration(node: ts.ImportDeclaration): void {
    const clause = node.importClause;
    if (!clause) return;
    if (clause.isTypeOnly) {
      if (clause.name) this.typeName(clause.name);
      const nb = clause.namedBindings;
      if (nb && isNamespaceImport(nb)) this.typeName(nb.name);
      else if (nb) nb.elements.forEach((e) => this.typeName(e.name));
      return;
    }
    if (clause.name) this.declare(this.scope, clause.name.text, 'import', clause, clause.name);
    const nb = clause.namedBindings;
    if (nb && isNamespaceImport(nb)) this.declare(this.scope, nb.name.text, 'import', nb, nb.name);
    else if (nb) {
      for (const e of nb.elements) {
        if (e.isTypeOnly) this.typeName(e.name);
        else this.declare(this.scope, e.name.text, 'import', e, e.name);
      }
    }
  }

  private importEquals(node: ts.ImportEqualsDeclaration): void {
    if (node.isTypeOnly) return this.typeName(node.name);
    this.declare(this.scope, node.name.text, 'import', node, node.name);
    // `import x = N.M` reads N; `import x = require('m')` reads nothing.
    if (!isExternalModuleReference(node.moduleReference)) this.visit(node.moduleReference);
  }

  private exportDeclaration(node: ts.ExportDeclaration): void {
    // Re-exports name no local binding; `export type { }` names types.
    if (
      node.moduleSpecifier ||
      node.isTypeOnly ||
      !node.exportClause ||
      !isNamedExports(node.exportClause)
    )
      return;
    for (const e of node.exportClause.elements) {
      const local = e.propertyName ?? e.name;
      // Always referenced, focus or not: the module's export table is made from them.
      if (!e.isTypeOnly && isIdentifier(local))
        this.result.references.push(referenceTo(local, this.scope));
    }
  }

  private jsxTag(
    node: ts.JsxOpeningElement | ts.JsxSelfClosingElement | ts.JsxClosingElement,
  ): void {
    const tag = node.tagName;
    if (isIdentifier(tag)) {
      if (!isIntrinsicJsxName(tag.text)) this.reference(tag);
    } else if (isPropertyAccessExpression(tag)) {
      this.visit(tag);
    }
    if (!isJsxClosingElement(node)) this.visit(node.attributes);
  }
}

/** Fills `binding` of every reference, and each binding's references and `reassigned`. */
export function resolveReferences(
  references: Reference[],
  lookup: (scope: Scope, name: string) => Binding | null,
): void {
  for (const ref of references) {
    const binding = lookup(ref.scope, ref.node.text);
    ref.binding = binding;
    if (!binding) continue;
    binding.references.push(ref);
    if (ref.kind !== 'read') binding.reassigned = true;
  }
}

/**
 * The other declarations a namespace or enum merges with: same kind and name, same statement list.
 */
function mergedWith(node: ts.ModuleDeclaration | ts.EnumDeclaration): ts.Node[] {
  const list = (node.parent as { statements?: ts.NodeArray<ts.Statement> }).statements;
  const name = node.name.text;
  return (
    list?.filter(
      (s) =>
        s !== node &&
        s.kind === node.kind &&
        !isAmbient(s) &&
        isIdentifier((s as ts.ModuleDeclaration | ts.EnumDeclaration).name) &&
        ((s as ts.ModuleDeclaration | ts.EnumDeclaration).name as ts.Identifier).text === name,
    ) ?? []
  );
}
