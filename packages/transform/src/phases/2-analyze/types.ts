import type ts from 'typescript';

export type ScopeKind =
  | 'module'
  /** A function's (or arrow's) parameters: defaults cannot see the body's declarations. */
  | 'params'
  /** The body of a non-arrow function, constructor, method or accessor. */
  | 'function'
  /** The block body of an arrow function. */
  | 'arrow'
  | 'block'
  /** A `for`/`for-in`/`for-of` head declaring with let/const/using. */
  | 'for'
  /** One block scope for all the cases of a switch. */
  | 'switch'
  | 'catch'
  /** A class's own name, heritage, members, field initializers. */
  | 'class'
  | 'static-block'
  /** A named function expression's own name. */
  | 'function-name'
  | 'namespace'
  /** An enum's members, visible bare in its initializers. */
  | 'enum';

export interface Scope {
  kind: ScopeKind;
  /** The node that opens the scope (for 'function' and 'arrow' the body). */
  node: ts.Node;
  parent: Scope | null;
  children: Scope[];
  bindings: Map<string, Binding>;
  /** Where `var` and (outside blocks) function declarations land. */
  varScope: Scope;
}

export type BindingKind =
  | 'import'
  | 'var'
  | 'let'
  | 'const'
  | 'using'
  | 'function'
  | 'class'
  | 'param'
  | 'catch'
  | 'enum'
  | 'namespace'
  | 'arguments'
  /** A member of an enum, as seen bare from the enum's own initializers. */
  | 'enum-member';

export interface Binding {
  name: string;
  kind: BindingKind;
  scope: Scope;
  /**
   * The declaring node: VariableDeclaration, Parameter, FunctionDeclaration, ImportSpecifier, ...
   * (the function for `arguments`).
   */
  declaration: ts.Node;
  /** The declared name; undefined only for the implicit `arguments`. */
  identifier: ts.Identifier | undefined;
  /**
   * Later declarations of the same name in the same scope (`var x; var x = 1`, function
   * redeclarations).
   */
  redeclarations: ts.Identifier[];
  import?: { source: string; imported: string };
  /** Names this module exports the binding under. */
  exported: string[];
  references: Reference[];
  reassigned: boolean;
}

export interface Reference {
  node: ts.Identifier;
  /** null: a global, or a name no scope declares. */
  binding: Binding | null;
  scope: Scope;
  kind: 'read' | 'write' | 'readwrite';
  /**
   * Callee of a call, optional call, `new`, tagged template or decorator: must get this=undefined.
   */
  call: boolean;
  shorthand: boolean;
  update?: 'prefix' | 'postfix';
  operator?: string;
  pattern: boolean;
  forHead: boolean;
  typeofOperand: boolean;
  exportSpecifier: boolean;
  defaultExport: boolean;
  /** A JSX tag name: 'open' for opening and self-closing tags, 'close' for the closing tag. */
  jsxTag?: 'open' | 'close';
}

export interface ImportSpecifierInfo {
  /** 'default', '*' for a namespace import, or the imported name. */
  imported: string;
  local: string;
  node: ts.ImportClause | ts.ImportSpecifier | ts.NamespaceImport | ts.ImportEqualsDeclaration;
  typeOnly: boolean;
  /** Undefined for type-only specifiers: they bind no value. */
  binding: Binding | undefined;
}

export interface ImportInfo {
  node: ts.ImportDeclaration | ts.ImportEqualsDeclaration;
  source: string;
  specifiers: ImportSpecifierInfo[];
  typeOnly: boolean;
  sideEffectOnly: boolean;
}

export interface Reexport {
  node: ts.ExportDeclaration;
  source: string;
  /** `export { a as b } from`, `export * from`, `export * as ns from`. */
  kind: 'named' | 'all' | 'namespace';
  /** For 'named': the name in the source module. */
  imported?: string;
  /** For 'named' and 'namespace': the name this module exports. */
  exported?: string;
}

export type MarkerName = 'VNET_DEFINE' | 'VNET_SYSINIT' | 'VNET_SYSUNINIT' | 'vnet';

export interface Virtualized {
  /** null for a static class field. */
  binding: Binding | null;
  /** 'x' or 'Class.field'. */
  name: string;
  /** 'auto': chosen by the virtualize option, not marked. */
  form: 'call' | 'tag' | 'decorator' | 'auto';
  declaration: ts.VariableDeclaration | ts.PropertyDeclaration;
  initializer: ts.Expression | undefined;
  /**
   * The marker's node: the VNET_DEFINE call, the Decorator, or for a `/** @vnet *\/` comment
   * (which has no node: JSDoc is not parsed) the commented statement or field. What VIMAGE off
   * removes is `markerRange`.
   */
  marker: ts.Node;
  /** Source range of the marker: the call, the decorator, or the whole `/** ... *\/` comment. */
  markerRange: { start: number; end: number };
  /** The binding the class is reached through from outside (declaration or variable name). */
  classBinding?: Binding;
  /** The class's own name inside its body, when it has one. */
  classInnerBinding?: Binding;
  field?: ts.PropertyDeclaration;
}

export interface MarkerImport {
  /** The marker name, or '*' for a namespace import of the runtime. */
  name: MarkerName | '*';
  specifier: ts.ImportSpecifier | ts.NamespaceImport | ts.ImportEqualsDeclaration;
  /** `import { ... } from`, or in CommonJS TypeScript `import rt = require(...)` (a namespace). */
  declaration: ts.ImportDeclaration | ts.ImportEqualsDeclaration;
  binding: Binding;
}

/** One use of a marker: `VNET_DEFINE`, `D` (renamed) or `rt.VNET_DEFINE` / `rt['VNET_DEFINE']`. */
export interface MarkerUse {
  name: MarkerName;
  /** The Identifier, PropertyAccessExpression or ElementAccessExpression naming the marker. */
  node: ts.Expression;
  reference: Reference;
}

export interface Analysis {
  sourceFile: ts.SourceFile;
  code: string;
  id: string;
  runtimeModule: string;
  module: Scope;
  scopes: Scope[];
  bindings: Binding[];
  references: Reference[];
  imports: ImportInfo[];
  exports: Map<string, Binding>;
  reexports: Reexport[];
  defaultExpression: ts.Expression | undefined;
  evals: ts.Node[];
  withs: ts.Node[];
  virtualized: Virtualized[];
  markerImports: MarkerImport[];
  markerUses: MarkerUse[];
  /**
   * Whether a name occurs in the file as a word (code, comments, strings): fresh names avoid it.
   */
  nameTaken(name: string): boolean;
  /** The innermost scope containing a node. */
  scopeAt(node: ts.Node): Scope;
}
