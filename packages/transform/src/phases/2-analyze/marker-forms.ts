import type ts from 'typescript';
import { TransformError } from '../../error.js';
import { errors as messages, type ErrorMessage } from '../../codes.js';
import { vnetTag, type VnetTag } from './tags.js';
import { climbWrappers, hasModifier, isAmbient } from './syntax.js';
import type { Binding, Scope, Virtualized } from './types.js';
import {
  SyntaxKind,
  forEachChild,
  isBlock,
  isCaseBlock,
  isClassDeclaration,
  isClassElement,
  isClassLike,
  isClassStaticBlockDeclaration,
  isComputedPropertyName,
  isConstructorDeclaration,
  isExportAssignment,
  isFunctionDeclaration,
  isFunctionLike,
  isGetAccessor,
  isIdentifier,
  isIfStatement,
  isIterationStatement,
  isLabeledStatement,
  isMethodDeclaration,
  isModuleBlock,
  isParameter,
  isPrivateIdentifier,
  isPropertyDeclaration,
  isSetAccessor,
  isSourceFile,
  isSpreadElement,
  isVariableDeclaration,
  isVariableDeclarationList,
  isVariableStatement,
  isBinaryExpression,
  isCaseClause,
  isDefaultClause,
  isEnumDeclaration,
  isExportDeclaration,
  isExpressionStatement,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isInterfaceDeclaration,
  isModuleDeclaration,
  isTypeAliasDeclaration,
} from '../../ts.js';

export interface FormInput {
  sf: ts.SourceFile;
  code: string;
  id: string;
  module: Scope;
  nodeScopes: Map<ts.Node, Scope>;
}

/**
 * Checks each marker's placement and records the global it marks: one per declaration,
 * the first form found winning. Misplaced markers are collected, not thrown, so the
 * caller can report the first in source order.
 */
export class Markers {
  readonly errors: TransformError[] = [];
  readonly found = new Map<ts.Node, Virtualized>();

  constructor(private readonly input: FormInput) {}

  fail(message: ErrorMessage, pos: number): void {
    const { code: source, id: file } = this.input;
    this.errors.push(new TransformError(message, { source, file, pos }));
  }

  at(node: ts.Node): number {
    return node.getStart(this.input.sf);
  }

  defineCall(call: ts.CallExpression): void {
    const top = climbWrappers(call);
    const decl = top.parent;
    if (
      isVariableDeclaration(decl) &&
      decl.initializer === top &&
      isVariableDeclarationList(decl.parent)
    ) {
      const stmt = decl.parent.parent;
      if (!isVariableStatement(stmt) || !isSourceFile(stmt.parent))
        return this.notModuleLevel(call);
      if (!isIdentifier(decl.name)) {
        return this.fail(messages.defineDestructuring(), this.at(call));
      }
      const args = call.arguments;
      if (args.length !== 1 || isSpreadElement(args[0]!)) {
        const got = args.length === 1 ? 'a spread' : args.length;
        return this.fail(messages.defineArguments(got), this.at(call));
      }
      if (isAmbient(stmt)) return;
      this.add({
        binding: this.binding(decl.name.text),
        name: decl.name.text,
        form: 'call',
        declaration: decl,
        initializer: args[0],
        marker: call,
        markerRange: this.range(call),
      });
      return;
    }
    if (enclosing(call)) return this.notModuleLevel(call);
    this.fail(messages.defineNotInitializer(), this.at(call));
  }

  notModuleLevel(node: ts.Node, pos = this.at(node), what = 'VNET_DEFINE'): void {
    this.fail(messages.notModuleLevel(what, enclosing(node) ?? 'a block'), pos);
  }

  decorator(d: ts.Decorator): void {
    const field = d.parent;
    if (this.staticField(field, this.at(d), '@vnet'))
      this.fieldFound(field, 'decorator', d, this.range(d));
  }

  /** Checks a `@vnet` target is a static field of a module-level class; reports it otherwise. */
  staticField(node: ts.Node, pos: number, what: string): node is ts.PropertyDeclaration {
    const bad =
      !isPropertyDeclaration(node) || !hasModifier(node, SyntaxKind.StaticKeyword)
        ? describe(node)
        : hasModifier(node, SyntaxKind.AccessorKeyword)
          ? 'an auto-accessor'
          : isAmbient(node) || hasModifier(node, SyntaxKind.AbstractKeyword)
            ? 'a field that exists only as a type'
            : isComputedPropertyName(node.name)
              ? 'a field with a computed name'
              : undefined;
    if (bad) {
      this.fail(messages.notStaticField(what, bad), pos);
      return false;
    }
    if (!this.classInfo(node.parent)) {
      this.fail(messages.classNotModuleLevel(what), pos);
      return false;
    }
    return true;
  }

  fieldFound(
    field: ts.PropertyDeclaration,
    form: 'decorator' | 'tag',
    marker: ts.Node,
    markerRange: Virtualized['markerRange'],
  ): void {
    const cls = this.classInfo(field.parent)!;
    const fieldName =
      isIdentifier(field.name) || isPrivateIdentifier(field.name)
        ? field.name.text
        : (field.name as ts.StringLiteral).text;
    this.add({
      binding: null,
      name: `${cls.name}.${fieldName}`,
      form,
      declaration: field,
      initializer: field.initializer,
      marker,
      markerRange,
      ...(cls.binding && { classBinding: cls.binding }),
      ...(cls.inner && { classInnerBinding: cls.inner }),
      field,
    });
  }

  /** The name and bindings of a module-level class; undefined for a class elsewhere. */
  classInfo(cls: ts.Node): { name: string; binding?: Binding; inner?: Binding } | undefined {
    if (!isClassLike(cls)) return undefined;
    const inner = cls.name && this.input.nodeScopes.get(cls)?.bindings.get(cls.name.text);
    if (isClassDeclaration(cls)) {
      if (!isSourceFile(cls.parent)) return undefined;
      const name = cls.name?.text ?? 'default';
      return { name, binding: (cls.name && this.binding(name)) || undefined, inner };
    }
    const top = climbWrappers(cls);
    const p = top.parent;
    if (isExportAssignment(p) && !p.isExportEquals) return { name: 'default', inner };
    if (
      isVariableDeclaration(p) &&
      p.initializer === top &&
      isIdentifier(p.name) &&
      isVariableStatement(p.parent.parent) &&
      isSourceFile(p.parent.parent.parent)
    ) {
      return { name: p.name.text, binding: this.binding(p.name.text) ?? undefined, inner };
    }
    return undefined;
  }

  tags(sf: ts.SourceFile): void {
    const visit = (node: ts.Node): void => {
      if (canCarryTag(node)) {
        const tag = vnetTag(this.input.code, sf, node);
        if (tag) this.tag(node, tag);
      } else if (isStatementInList(node)) {
        // Anywhere else the tag would silently mark nothing.
        const tag = vnetTag(this.input.code, sf, node);
        if (tag) this.misplacedTag(node, tag.tagPos);
      }
      forEachChild(node, visit);
    };
    visit(sf);
  }

  tag(node: ts.Node, tag: VnetTag): void {
    const range = { start: tag.start, end: tag.end };
    if (!isVariableStatement(node)) {
      if (this.staticField(node, tag.tagPos, '/** @vnet */'))
        this.fieldFound(node, 'tag', node, range);
      return;
    }
    if (isAmbient(node)) return this.misplacedTag(node, tag.tagPos);
    if (!isSourceFile(node.parent)) return this.notModuleLevel(node, tag.tagPos, '/** @vnet */');
    for (const decl of node.declarationList.declarations) {
      if (!isIdentifier(decl.name)) {
        this.fail(messages.tagDestructuring(), this.at(decl.name));
        continue;
      }
      // A declaration also marked by a VNET_DEFINE call is already found.
      if (this.found.has(decl)) continue;
      const name = decl.name.text;
      this.add({
        binding: this.binding(name),
        name,
        form: 'tag',
        declaration: decl,
        initializer: decl.initializer,
        marker: node,
        markerRange: range,
      });
    }
  }

  /** A tag on a statement that declares no variable: an export list, an assignment, an enum, ... */
  misplacedTag(node: ts.Node, pos: number): void {
    this.fail(messages.misplacedTag(describeStatement(node)), pos);
  }

  add(v: Virtualized): void {
    if (!this.found.has(v.declaration)) this.found.set(v.declaration, v);
  }

  binding(name: string): Binding | null {
    return this.input.module.bindings.get(name) ?? null;
  }

  range(node: ts.Node): Virtualized['markerRange'] {
    return { start: this.at(node), end: node.end };
  }
}

function canCarryTag(node: ts.Node): boolean {
  return (
    isVariableStatement(node) ||
    isClassElement(node) ||
    isClassLike(node) ||
    isFunctionDeclaration(node)
  );
}

/** What a marker is misplaced inside, nearest first; undefined at module level. */
function enclosing(node: ts.Node): string | undefined {
  for (let n = node.parent; n && !isSourceFile(n); n = n.parent) {
    if (isFunctionLike(n)) return 'a function';
    if (isClassLike(n)) return 'a class';
    if (isModuleBlock(n)) return 'a namespace';
    const body =
      isBlock(n) && (isFunctionLike(n.parent) || isClassStaticBlockDeclaration(n.parent));
    if (
      (isBlock(n) && !body) ||
      isCaseBlock(n) ||
      isIterationStatement(n, false) ||
      isIfStatement(n) ||
      isLabeledStatement(n)
    )
      return 'a block';
  }
  return undefined;
}

function isStatementInList(node: ts.Node): boolean {
  const p = node.parent;
  return (
    !!p &&
    (isSourceFile(p) || isModuleBlock(p) || isBlock(p) || isCaseClause(p) || isDefaultClause(p))
  );
}

function describeStatement(node: ts.Node): string {
  if (isVariableStatement(node)) return 'a declare declaration, which exists only as a type';
  if (isExportDeclaration(node)) return 'an export list';
  if (isExportAssignment(node)) return 'an export default';
  if (isEnumDeclaration(node)) return 'an enum';
  if (
    isExpressionStatement(node) &&
    isBinaryExpression(node.expression) &&
    node.expression.operatorToken.kind === SyntaxKind.EqualsToken
  )
    return 'an assignment';
  if (isExpressionStatement(node)) return 'an expression statement';
  if (isImportDeclaration(node) || isImportEqualsDeclaration(node)) return 'an import';
  if (isModuleDeclaration(node)) return 'a namespace';
  if (isInterfaceDeclaration(node) || isTypeAliasDeclaration(node)) return 'a type';
  return describe(node);
}

function describe(node: ts.Node): string {
  if (isPropertyDeclaration(node)) return 'an instance field';
  if (isMethodDeclaration(node)) return 'a method';
  if (isGetAccessor(node) || isSetAccessor(node)) return 'an accessor';
  if (isConstructorDeclaration(node)) return 'a constructor';
  if (isClassLike(node)) return 'a class';
  if (isParameter(node)) return 'a parameter';
  if (isFunctionDeclaration(node)) return 'a function';
  return `a ${SyntaxKind[node.kind]}`;
}
