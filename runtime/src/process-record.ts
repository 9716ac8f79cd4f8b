/**
 * Where the one runtime record per process lives: `globalThis[RECORD_KEY]` (state.ts). Importing
 * this file has no effect, so a test or a benchmark can import it beside the programs it loads.
 */
export const RECORD_KEY = Symbol.for('vimage.runtime');

/**
 * Lets the next copy of the runtime to load start on a fresh record: for tests and benchmarks
 * that load one program after another in one process, which must not meet the previous one's
 * vnets and modules. Copies already loaded keep the record they have.
 */
export function forgetRuntimeState(): void {
  delete (globalThis as Record<symbol, unknown>)[RECORD_KEY];
}
