/**
 * Every code of vimage's build-time diagnostics, with when it is raised: the one table of them.
 * `TransformErrorCode` is this table's keys; test/error-codes.test.ts checks the READMEs' code
 * tables against it.
 */
export const ERROR_CODES = {
  VIMAGE_SYNTAX: 'the module does not parse',
  VIMAGE_MARKER_NOT_INITIALIZER: 'VNET_DEFINE(...) is not the whole initializer of a declaration',
  VIMAGE_MARKER_NOT_MODULE_LEVEL: 'a marker inside a function, block or namespace, or on a class that is not module-level',
  VIMAGE_MARKER_DESTRUCTURING: 'a marker on a destructuring declaration',
  VIMAGE_MARKER_ARGUMENTS: 'VNET_DEFINE with zero, two or spread arguments',
  VIMAGE_MARKER_CONST_REASSIGNED: 'a marked const is assigned',
  VIMAGE_MARKER_ALIAS: 'a marker used as a value',
  VIMAGE_IMPORT_ASSIGNED: 'an imported binding is assigned',
  VIMAGE_DECORATOR_TARGET: '@vnet or the tag on anything but a plain static field or variable declaration',
  VIMAGE_EVAL: 'direct eval in a module that defines or references virtualized globals',
  VIMAGE_WITH: 'a with statement in such a module',
  VIMAGE_JSX_TAG: 'a virtualized global as a JSX tag',
  VIMAGE_UNKNOWN_OPTION: 'an option the core and the plugins do not know',
  VIMAGE_BAD_OPTION: 'an option of the wrong type, or options that are not an object',
  VIMAGE_TYPESCRIPT_VERSION: 'the tsc route on a TypeScript major other than 6 (raised by @vimage/plugin/tsc)',
  VIMAGE_COMPILED_INPUT: 'a module that reached vimage already compiled to JavaScript (raised by @vimage/plugin)',
} as const;

/** Warnings: reported by the hosts, the build goes on. */
export const WARNING_CODES = {
  VIMAGE_W_ESCAPE: 'a virtualized value stored where every vnet shares it',
  VIMAGE_W_DYNAMIC: 'direct eval, with or new Function in automatically virtualized code',
  VIMAGE_W_EXPORT: "an entry chunk's export aliases an automatic global (raised by the rollup adapter)",
} as const;

export type TransformErrorCode = keyof typeof ERROR_CODES;
export type TransformWarningCode = keyof typeof WARNING_CODES;
