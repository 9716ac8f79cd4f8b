import { analyze } from './phases/2-analyze/index.js';
import { moduleState, staticFieldState } from './phases/2-analyze/module-state.js';
import { parse } from './phases/1-parse/parse.js';
import { findAncestor, isIdentifier, isVariableDeclaration } from './ts.js';

/** One binding of a module's state, as plain data: what the `vimage virtualize` codemod edits. */
export interface ModuleStateEntry {
  name: string;
  /** `static` for a static class field (`name` is then `Class.field`). */
  keyword: 'let' | 'var' | 'const' | 'static';
  reason: 'reassigned' | 'mutated';
  /** Offset of the declared name. */
  declared: number;
  /** Offset of the first write (or change) that makes it state. */
  at: number;
  /** Declared in a destructuring pattern: no `VNET_DEFINE(...)` can wrap its initializer. */
  destructured: boolean;
  /** Declared more than once at module level (`var x; var x = 1`). */
  redeclared: boolean;
}

/**
 * The module-level state of a module, as the plugin's `virtualize` option finds it (the same rule,
 * analyze/module-state.ts): `objects` adds the bindings whose object the module may change.
 * Assigned static class fields are listed too (`keyword: 'static'`). Marked globals are not.
 */
export function findModuleState(
  code: string,
  id: string,
  options: { objects?: boolean; runtimeModule?: string } = {},
): ModuleStateEntry[] {
  const a = analyze(parse(code, id), code, id, { runtimeModule: options.runtimeModule });
  const fields = staticFieldState(a).map(
    ({ cls, field, at }): ModuleStateEntry => ({
      name: `${cls.name!.text}.${field.name.getText(a.sourceFile)}`,
      keyword: 'static',
      reason: 'reassigned',
      declared: field.name.getStart(a.sourceFile),
      at: at.getStart(a.sourceFile),
      destructured: false,
      redeclared: false,
    }),
  );
  const bindings = moduleState(a, options).map(({ binding, reason, at }): ModuleStateEntry => {
    const declaration = findAncestor(binding.identifier!, isVariableDeclaration);
    return {
      name: binding.name,
      keyword: binding.kind as ModuleStateEntry['keyword'],
      reason,
      declared: binding.identifier!.getStart(a.sourceFile),
      at: at.getStart(a.sourceFile),
      destructured: !declaration || !isIdentifier(declaration.name),
      redeclared: binding.redeclarations.length > 0,
    };
  });
  return [...bindings, ...fields].sort((x, y) => x.declared - y.declared);
}
