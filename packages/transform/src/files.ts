/** Which files vimage reads as modules, by name: one rule for the plugin, the CLI and tsc. */

/** TypeScript and JavaScript sources: .ts .tsx .mts .cts .js .jsx .mjs .cjs. */
export const SOURCE_EXTENSION = /\.[cm]?[jt]sx?$/;

/** A declaration file (`.d.ts`, `.d.mts`, `.d.cts`): types only, nothing to transform. */
export function isDeclarationFile(file: string): boolean {
  return /\.d\.[cm]?ts$/.test(file);
}

/** A TypeScript or JavaScript module, declaration files left out. */
export function isSourceFile(file: string): boolean {
  return SOURCE_EXTENSION.test(file) && !isDeclarationFile(file);
}

/** `.cjs` and `.cts` are CommonJS whatever the package says. */
export function isCommonJsFile(file: string): boolean {
  return /\.c[jt]s$/.test(file);
}
