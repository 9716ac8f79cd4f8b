import type ts from 'typescript';
import { errors } from '../../codes.js';
import { Markers } from './marker-forms.js';
import { climbWrappers } from './syntax.js';
import type {
  Binding,
  ImportInfo,
  MarkerImport,
  MarkerName,
  MarkerUse,
  Reference,
  Scope,
  Virtualized,
} from './types.js';
import type { ModuleExports } from '../../types.js';
import {
  isCallExpression,
  isDecorator,
  isElementAccessExpression,
  isExternalModuleReference,
  isIdentifier,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isImportSpecifier,
  isNamespaceImport,
  isPropertyAccessExpression,
  isStringLiteralLike,
} from '../../ts.js';

const MARKERS: ReadonlySet<string> = new Set<MarkerName>([
  'VNET_DEFINE',
  'VNET_SYSINIT',
  'VNET_SYSUNINIT',
  'vnet',
]);

export interface MarkerInput {
  sf: ts.SourceFile;
  code: string;
  id: string;
  runtimeModule: string;
  resolver?: (source: string, importer: string) => ModuleExports | null | undefined;
  module: Scope;
  imports: ImportInfo[];
  references: Reference[];
  nodeScopes: Map<ts.Node, Scope>;
}

export interface MarkerResult {
  virtualized: Virtualized[];
  markerImports: MarkerImport[];
  markerUses: MarkerUse[];
}

/** Finds the virtualized globals; throws the first misplaced marker in source order. */
export function findMarkers(input: MarkerInput): MarkerResult {
  const markerImports = findMarkerImports(input);
  const markerUses = findMarkerUses(input.references, markerImports);
  const m = new Markers(input);
  for (const use of markerUses) {
    // `export { VNET_DEFINE as virtualized }`: the marker itself, re-exported for importers.
    if (use.reference.exportSpecifier) continue;
    const top = climbWrappers(use.node);
    const p = top.parent;
    if (use.name === 'VNET_DEFINE' && isCallExpression(p) && p.expression === top) m.defineCall(p);
    else if (use.name === 'vnet' && isDecorator(p)) m.decorator(p);
    else if (
      use.name === 'vnet' &&
      isCallExpression(p) &&
      p.expression === top &&
      isDecorator(climbWrappers(p).parent)
    ) {
      m.fail(errors.decoratorCalled(), m.at(p));
    } else if (use.name === 'VNET_DEFINE' || use.name === 'vnet') {
      // An alias (`const D = VNET_DEFINE`) or a value use hides the marker from the build.
      m.fail(errors.markerAlias(use.name), m.at(use.node));
    }
  }
  if (input.code.includes('@vnet')) m.tags(input.sf);
  if (m.errors.length) throw m.errors.sort((a, b) => (a.pos ?? 0) - (b.pos ?? 0))[0];
  const virtualized = [...m.found.values()].sort((a, b) => a.declaration.pos - b.declaration.pos);
  return { virtualized, markerImports, markerUses };
}

function findMarkerImports({ imports, runtimeModule, resolver, id }: MarkerInput): MarkerImport[] {
  const out: MarkerImport[] = [];
  for (const imp of imports) {
    if (imp.typeOnly) continue;
    if (imp.source !== runtimeModule) {
      if (resolver) out.push(...reexportedMarkers(imp, resolver(imp.source, id)));
      continue;
    }
    const node = imp.node;
    if (isImportEqualsDeclaration(node)) {
      const s = imp.specifiers[0];
      if (s?.binding && isExternalModuleReference(node.moduleReference))
        out.push({ name: '*', specifier: node, declaration: node, binding: s.binding });
      continue;
    }
    if (!isImportDeclaration(node)) continue;
    for (const s of imp.specifiers) {
      if (!s.binding || s.typeOnly) continue;
      if (isImportSpecifier(s.node) && MARKERS.has(s.imported)) {
        out.push({
          name: s.imported as MarkerName,
          specifier: s.node,
          declaration: node,
          binding: s.binding,
        });
      } else if (isNamespaceImport(s.node)) {
        out.push({ name: '*', specifier: s.node, declaration: node, binding: s.binding });
      }
    }
  }
  return out;
}

/**
 * Markers imported through a local module that exports them again (`export { VNET_DEFINE } from
 * '@vimage/runtime'`), as the resolver says: `import { VNET_DEFINE as D } from './markers'`,
 * or `import * as m from './markers'` when it re-exports markers under their own names.
 */
function reexportedMarkers(
  imp: ImportInfo,
  exports: ModuleExports | null | undefined,
): MarkerImport[] {
  if (!exports || !isImportDeclaration(imp.node)) return [];
  const out: MarkerImport[] = [];
  for (const s of imp.specifiers) {
    if (!s.binding || s.typeOnly) continue;
    const target = exports[s.imported];
    if (isImportSpecifier(s.node) && target && 'marker' in target) {
      out.push({
        name: target.marker,
        specifier: s.node,
        declaration: imp.node,
        binding: s.binding,
      });
    } else if (isNamespaceImport(s.node) && Object.values(exports).some((t) => 'marker' in t)) {
      out.push({ name: '*', specifier: s.node, declaration: imp.node, binding: s.binding });
    }
  }
  return out;
}

/** References resolving to a marker import: `VNET_DEFINE`, `D`, `rt.VNET_DEFINE`, `rt['vnet']`. */
function findMarkerUses(references: Reference[], imports: MarkerImport[]): MarkerUse[] {
  const byBinding = new Map<Binding, MarkerImport>(imports.map((i) => [i.binding, i]));
  const out: MarkerUse[] = [];
  for (const ref of references) {
    const imp = ref.binding && byBinding.get(ref.binding);
    if (!imp) continue;
    if (imp.name !== '*') {
      out.push({ name: imp.name, node: ref.node, reference: ref });
      continue;
    }
    const top = climbWrappers(ref.node);
    const p = top.parent;
    let member: string | undefined;
    if (isPropertyAccessExpression(p) && p.expression === top && isIdentifier(p.name))
      member = p.name.text;
    if (
      isElementAccessExpression(p) &&
      p.expression === top &&
      isStringLiteralLike(p.argumentExpression)
    ) {
      member = p.argumentExpression.text;
    }
    if (member && MARKERS.has(member))
      out.push({ name: member as MarkerName, node: p as ts.Expression, reference: ref });
  }
  return out;
}
