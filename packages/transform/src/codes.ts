/**
 * Every code of vimage's build-time diagnostics, with when it is raised: the one table of them.
 * `TransformErrorCode` is this table's keys; test/error-codes.test.ts checks the READMEs' code
 * tables against it.
 */
export const ERROR_CODES = {
  VIMAGE_SYNTAX: 'the module does not parse',
  VIMAGE_MARKER_NOT_INITIALIZER: 'VNET_DEFINE(...) is not the whole initializer of a declaration',
  VIMAGE_MARKER_NOT_MODULE_LEVEL:
    'a marker inside a function, block or namespace, or on a class that is not module-level',
  VIMAGE_MARKER_DESTRUCTURING: 'a marker on a destructuring declaration',
  VIMAGE_MARKER_ARGUMENTS: 'VNET_DEFINE with zero, two or spread arguments',
  VIMAGE_MARKER_CONST_REASSIGNED: 'a marked const is assigned',
  VIMAGE_MARKER_ALIAS: 'a marker used as a value',
  VIMAGE_IMPORT_ASSIGNED: 'an imported binding is assigned',
  VIMAGE_DECORATOR_TARGET:
    '@vnet or the tag on anything but a plain static field or variable declaration',
  VIMAGE_EVAL: 'direct eval in a module that defines or references virtualized globals',
  VIMAGE_WITH: 'a with statement in such a module',
  VIMAGE_JSX_TAG: 'a virtualized global as a JSX tag',
  VIMAGE_UNKNOWN_OPTION: 'an option the core and the plugins do not know',
  VIMAGE_BAD_OPTION: 'an option of the wrong type, or options that are not an object',
  VIMAGE_TYPESCRIPT_VERSION:
    'the tsc route on a TypeScript major other than 6 (raised by @vimage/plugin/tsc)',
  VIMAGE_COMPILED_INPUT:
    'a module that reached vimage already compiled to JavaScript (raised by @vimage/plugin)',
} as const;

/** Warnings: reported by the hosts, the build goes on. */
export const WARNING_CODES = {
  VIMAGE_W_ESCAPE: 'a virtualized value stored where every vnet shares it',
  VIMAGE_W_DYNAMIC: 'direct eval, with or new Function in automatically virtualized code',
  VIMAGE_W_EXPORT:
    "an entry chunk's export aliases an automatic global (raised by the rollup adapter)",
} as const;

export type TransformErrorCode = keyof typeof ERROR_CODES;
export type TransformWarningCode = keyof typeof WARNING_CODES;

/** An error's text before it has a place: its code, what is wrong, and how to fix it. */
export interface ErrorMessage {
  code: TransformErrorCode;
  problem: string;
  hint: string;
}

const message = (code: TransformErrorCode, problem: string, hint: string): ErrorMessage => ({
  code,
  problem,
  hint,
});

/**
 * Every error of the build and its message template, written here only (as a compiler that
 * generates its errors from one place): the phases and the adapters call these and add the place.
 */
export const errors = {
  syntax: (detail: string, language: string) =>
    message(
      'VIMAGE_SYNTAX',
      `syntax error: ${detail}`,
      `correct the syntax here; the file is parsed as ${language} because of its extension`,
    ),
  defineDestructuring: () =>
    message(
      'VIMAGE_MARKER_DESTRUCTURING',
      'VNET_DEFINE cannot mark a destructuring declaration: each virtualized global needs its ' +
        'own name',
      'declare each global separately, e.g. `let a = VNET_DEFINE(o.a)`',
    ),
  tagDestructuring: () =>
    message(
      'VIMAGE_MARKER_DESTRUCTURING',
      '/** @vnet */ cannot mark a destructuring declaration: each virtualized global needs its ' +
        'own name',
      'declare each global separately, e.g. `/** @vnet */ let a = o.a;`',
    ),
  defineArguments: (got: string | number) =>
    message(
      'VIMAGE_MARKER_ARGUMENTS',
      `VNET_DEFINE takes exactly one argument, the initial value (got ${got})`,
      'pass the initial value: `VNET_DEFINE(value)`, or `VNET_DEFINE(undefined)` for none',
    ),
  defineNotInitializer: () =>
    message(
      'VIMAGE_MARKER_NOT_INITIALIZER',
      'VNET_DEFINE(...) must be the whole initializer of a module-level variable declaration',
      'declare the global on its own, `let x = VNET_DEFINE(value)`, and use `x` here',
    ),
  notModuleLevel: (what: string, inside: string) =>
    message(
      'VIMAGE_MARKER_NOT_MODULE_LEVEL',
      `${what} is used inside ${inside}: virtualized globals are module-level variables`,
      'move the declaration to the top level of the module, e.g. `let x = VNET_DEFINE(value)`',
    ),
  classNotModuleLevel: (what: string) =>
    message(
      'VIMAGE_MARKER_NOT_MODULE_LEVEL',
      `${what} is on a field of a class not declared at module level: virtualized globals are ` +
        `module-level`,
      'declare the class at the top level of the module: `class C { ... }` or `const C = class ' +
        '{ ... }`',
    ),
  notStaticField: (what: string, target: string) =>
    message(
      'VIMAGE_DECORATOR_TARGET',
      `${what} is on ${target}: only plain static class fields can be virtualized`,
      'mark a static class field (`@vnet static x = value`) or a module-level variable (`let x ' +
        '= VNET_DEFINE(value)`)',
    ),
  misplacedTag: (statement: string) =>
    message(
      'VIMAGE_DECORATOR_TARGET',
      `/** @vnet */ is on ${statement}: it marks a module-level variable declaration or a ` +
        `static class field, so here it would mark nothing`,
      'put the tag on the declaration itself (`/** @vnet */ export let x = value;`), or remove it',
    ),
  decoratorCalled: () =>
    message(
      'VIMAGE_DECORATOR_TARGET',
      '@vnet() is called: vnet is the decorator itself, it takes no arguments',
      'write @vnet without parentheses',
    ),
  otherDecorators: (field: string) =>
    message(
      'VIMAGE_DECORATOR_TARGET',
      `@vnet cannot be combined with other decorators on the static field ${field}: under ` +
        `VIMAGE the field becomes an accessor over its slot, so a field decorator would see an ` +
        `accessor`,
      'move the other decorators to a separate field, or drop @vnet and keep the state in a ' +
        'marked module-level variable',
    ),
  computedFieldName: () =>
    message(
      'VIMAGE_DECORATOR_TARGET',
      'a virtualized static field needs a fixed name, not a computed one',
      'give the field a plain name (static sendspace = ...)',
    ),
  markerAlias: (marker: string) =>
    message(
      'VIMAGE_MARKER_ALIAS',
      `${marker} is used here as a value, not as a marker: the build only sees ` +
        (marker === 'vnet'
          ? '@vnet on a static field'
          : 'VNET_DEFINE(...) as a whole initializer') +
        ', so what it marks would silently stay a plain global',
      `call the marker directly where the global is declared, e.g. ` +
        `${marker === 'vnet' ? '@vnet static x = 1' : 'export let x = VNET_DEFINE(1)'}`,
    ),
  constReassigned: (name: string) =>
    message(
      'VIMAGE_MARKER_CONST_REASSIGNED',
      `the virtualized global "${name}" is declared const but assigned here: plain JavaScript ` +
        `throws on this assignment, while under VIMAGE it would write the slot and succeed`,
      `declare it with let if it changes (let ${name} = ...), or remove the assignment`,
    ),
  importAssigned: (local: string, source: string, name: string) =>
    message(
      'VIMAGE_IMPORT_ASSIGNED',
      `"${local}" is imported from ${source} and assigned here: an imported binding is ` +
        `read-only in ES modules`,
      `export a setter from the module that defines it (export function ` +
        `set${name.charAt(0).toUpperCase() + name.slice(1)}(v) { ${name} = v; }) and call it`,
    ),
  evalInModule: (what: string) =>
    message(
      'VIMAGE_EVAL',
      `direct eval in a module that ${what}: code run by eval reads and writes them by name, ` +
        `which the build cannot rewrite`,
      'replace eval with explicit code, or call it indirectly as (0, eval)(src), which runs in ' +
        'the global scope and cannot see module bindings',
    ),
  withInModule: (what: string) =>
    message(
      'VIMAGE_WITH',
      `a with statement in a module that ${what}: names inside it cannot be resolved at build time`,
      'rewrite the with block with explicit property accesses',
    ),
  jsxTag: (global: string, use: string, local: string, text: string) =>
    message(
      'VIMAGE_JSX_TAG',
      `the virtualized global "${global}" ${use}; a JSX tag must be a plain name or member ` +
        `chain, so it cannot become a lookup in the current vnet`,
      `read it into a local first: const ${local} = ${text}; then write <${local} />`,
    ),
  unknownOption: (where: string, key: string, near: string | undefined, known: readonly string[]) =>
    message(
      'VIMAGE_UNKNOWN_OPTION',
      `${where}: unknown option "${key}"`,
      `${near ? `did you mean "${near}"? ` : ''}the options are ${known.join(', ')}`,
    ),
  optionsNotObject: (where: string, got: string) =>
    message(
      'VIMAGE_BAD_OPTION',
      `${where}: options must be an object, got ${got}`,
      'pass an object such as { vimage: true }, or nothing',
    ),
  optionType: (where: string, key: string, type: string, got: string) =>
    message(
      'VIMAGE_BAD_OPTION',
      `${where}: option "${key}" must be a ${type}, got ${got}`,
      `set ${key} to a ${type} or leave it out`,
    ),
  badPattern: (where: string, name: string, got: string) =>
    message(
      'VIMAGE_BAD_OPTION',
      `${where}: option "${name}" must be a glob, a RegExp or an array of them, got ${got}`,
      `set ${name} to e.g. ['src/**/*.ts'] or /\\.ts$/, or leave it out`,
    ),
  badVirtualize: (where: string, got: string) =>
    message(
      'VIMAGE_BAD_OPTION',
      `${where}: option "virtualize" must be true, false or { objects: boolean }, got ${got}`,
      'pass virtualize: true, or virtualize: { objects: true } to include mutated objects',
    ),
  badPluginVirtualize: (where: string, got: string) =>
    message(
      'VIMAGE_BAD_OPTION',
      `${where}: option "virtualize" must be { include, exclude?, objects? }, got ${got}`,
      "name the files to virtualize, e.g. virtualize: { include: ['**/node_modules/date-fns/**'] }",
    ),
  nodeHooksRegistered: (before: string, now: string) =>
    message(
      'VIMAGE_BAD_OPTION',
      `@vimage/plugin/node: the hooks are registered in this thread with ${before}, not ${now}`,
      'register them once per thread, with the options of the first registration',
    ),
  nodeHooksCommonJs: (file: string) =>
    message(
      'VIMAGE_BAD_OPTION',
      `@vimage/plugin/node: ${file} loads as CommonJS, which the node hooks do not transform`,
      'load it as an ES module (import, "type": "module" or .mjs), leave it out of include and ' +
        'virtualize, or have a bundler adapter transform it (vitest: test.server.deps.inline)',
    ),
  badAsyncContext: (where: string, got: string, old: boolean) =>
    message(
      'VIMAGE_BAD_OPTION',
      `${where}: option "asyncContext" must be 'storage' or 'sync-only', got ${got}`,
      old
        ? "'await' and 'hooks' were replaced by 'storage', the default, which keeps the vnet in " +
            'every continuation: leave the option out'
        : "leave it out (the default 'storage' keeps the vnet in every continuation), or set " +
            "'sync-only' to give that up",
    ),
  tscAfter: (plugin: string) =>
    message(
      'VIMAGE_BAD_OPTION',
      `${plugin}: must run before TypeScript's own transforms`,
      'remove "after" / "afterDeclarations" from its plugins entry',
    ),
  typescriptVersion: (where: string, why: string) =>
    message(
      'VIMAGE_TYPESCRIPT_VERSION',
      `${where}: this project uses ${why}`,
      'stay on TypeScript 6.x for the tsc route (npm install -D typescript@~6.0), or build with ' +
        'a bundler adapter (@vimage/plugin/rollup, /vite, /esbuild) and type-check with your tsc',
    ),
  compiledInput: (id: string, helper: string) =>
    message(
      'VIMAGE_COMPILED_INPUT',
      `${id} reached vimage already compiled to JavaScript (TypeScript's ${helper} helper): a ` +
        `plugin before it compiled the TypeScript`,
      'let vimage read the TypeScript as written: with rollup, replace @rollup/plugin-typescript ' +
        '(it compiles in its load hook, before any transform) by a TypeScript step in the ' +
        'transform hook placed after vimage, such as rollup-plugin-esbuild, and type-check with ' +
        'tsc --noEmit',
    ),
} satisfies Record<string, (...args: never[]) => ErrorMessage>;

/** A warning's text before it has a place. */
export interface WarningMessage<C extends TransformWarningCode = TransformWarningCode> {
  code: C;
  message: string;
}

/** Every warning and its message template, as `errors` for errors. */
export const warnings = {
  sharedValueChanged: (name: string, what: string): WarningMessage<'VIMAGE_W_ESCAPE'> => ({
    code: 'VIMAGE_W_ESCAPE',
    message:
      `the virtualized global "${name}" is changed here, in code any vnet may run, but its value ` +
      `is ${what} between vnets: the change reaches every vnet`,
  }),
  storedAtImport: (stored: string, on: string, why: string): WarningMessage<'VIMAGE_W_ESCAPE'> => ({
    code: 'VIMAGE_W_ESCAPE',
    message:
      `the virtualized global ${stored} is stored on ${on} at import time: ${why}, so code ` +
      "reading it there sees vnet0's value and writes through it reach vnet0's",
  }),
  dynamicModule: (what: string): WarningMessage<'VIMAGE_W_DYNAMIC'> => ({
    code: 'VIMAGE_W_DYNAMIC',
    message: `${what} in this module: its globals were not virtualized, so every vnet shares them`,
  }),
  newFunction: (): WarningMessage<'VIMAGE_W_DYNAMIC'> => ({
    code: 'VIMAGE_W_DYNAMIC',
    message: 'new Function compiles code at run time: names in it are not virtualized',
  }),
  exportedAuto: (
    bundle: string,
    name: string,
    symbol: string,
  ): WarningMessage<'VIMAGE_W_EXPORT'> => ({
    code: 'VIMAGE_W_EXPORT',
    message:
      `${bundle} exports "${name}", the automatically virtualized global ${symbol}: code the ` +
      'plugin did not build that imports it reads only its value at declaration, never the ' +
      "current vnet's (nor later changes in vnet0). Build the importers with the plugin too, or " +
      'have them read it through a function the library exports',
  }),
};
