import type { TransformWarningCode } from './codes.js';
import type { SourceMap } from 'magic-string';
/**
 * What one export name of a module stands for, when it reaches a virtualized global or a marker.
 */
export type ExportTarget =
  | { symbol: string }
  | { namespace: ModuleExports }
  | { marker: MarkerExport };

/**
 * A marker of the runtime that a module exports again (`export { VNET_DEFINE } from
 * '@vimage/runtime'`).
 */
export type MarkerExport = 'VNET_DEFINE' | 'VNET_SYSINIT' | 'VNET_SYSUNINIT' | 'vnet';

/** A module's exports that alias virtualized globals: export name to target; plain ones absent. */
export type ModuleExports = { [exportName: string]: ExportTarget };

/** One virtualized global a module defines: a row of the static linker set. */
export interface Definition {
  symbol: string;
  name: string;
  form: 'call' | 'tag' | 'decorator' | 'auto';
  /** How its reference copy will be copied, judged from the initializer's syntax. */
  copy: 'primitive' | 'deep' | 'shared' | 'dynamic';
  line: number;
  column: number;
}

/**
 * What the transform learned of a module: hosts store it (rollup's module `meta.vimage`) to build
 * the linker set.
 */
export interface VimageModuleMeta {
  /** Module path relative to the root. */
  module: string;
  vimage: boolean;
  defines: Definition[];
  /** Symbols of other modules it reads or writes. */
  references: string[];
  exports: ModuleExports;
}

/** A pattern that defeats isolation in automatically virtualized code: reported, not fatal. */
export interface TransformWarning {
  code: Exclude<TransformWarningCode, 'VIMAGE_W_EXPORT'>;
  message: string;
  loc: { file: string; line: number; column: number };
  frame: string;
}

/** What `transform` returns for a module it concerns. */
export interface TransformResult {
  code: string;
  map: SourceMap | null;
  meta: VimageModuleMeta;
  /** Patterns that defeat isolation in automatically virtualized code (printed as warnings). */
  warnings: TransformWarning[];
}
