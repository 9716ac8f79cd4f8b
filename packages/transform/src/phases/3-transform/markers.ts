import type ts from 'typescript';
import type MagicString from 'magic-string';
import type { Analysis, Virtualized } from '../2-analyze/index.js';
import { TransformError, nodeAt } from '../../error.js';
import { errors } from '../../codes.js';
import { climbWrappers } from '../2-analyze/syntax.js';
import { accessOf } from './rewrite.js';
import { keepName } from './names.js';
import type { OwnSlot, Plan } from './plan.js';
import {
  EmitHint,
  NewLineKind,
  createPrinter,
  getDecorators,
  getModifiers,
  isCallExpression,
  isComputedPropertyName,
  isIdentifier,
  isNumericLiteral,
  isPrivateIdentifier,
  isSpreadElement,
  isStringLiteral,
} from '../../ts.js';

/**
 * VIMAGE on: each marked declaration takes its reference copy through the runtime
 * (`__vimage.define(slot, init)`), and a marked static field becomes an accessor pair over
 * its slot plus a static block that defines it where the field stood.
 */
export function defineMarked(ms: MagicString, a: Analysis, plan: Plan): void {
  checkConstWrites(a);
  for (const slot of plan.own) {
    const { v } = slot;
    if (v.field) {
      staticField(ms, a, plan, slot, v.field);
      continue;
    }
    if (v.form === 'auto') {
      defineAuto(ms, a, plan, slot);
      continue;
    }
    const define = `${plan.linker}.define(${slot.slotVar}, `;
    if (v.form === 'call') {
      const call = v.marker as ts.CallExpression;
      const arg = call.arguments[0]!;
      ms.overwrite(call.getStart(a.sourceFile), arg.getStart(a.sourceFile), define);
      keepName(ms, a, arg, v.name);
      continue;
    }
    removeTag(ms, a, v);
    const decl = v.declaration as ts.VariableDeclaration;
    if (v.initializer) {
      ms.appendLeft(v.initializer.getStart(a.sourceFile), define);
      ms.prependRight(v.initializer.end, ')');
      // After the `)`: prependRight puts later text first, and the name's wrapper goes inside.
      keepName(ms, a, v.initializer, v.name);
    } else if (v.binding?.kind === 'var') {
      // `var x;` assigns nothing: code that ran before it (hoisting) keeps its value.
      ms.appendLeft(decl.end, ` = ${plan.linker}.declare(${slot.slotVar})`);
    } else {
      ms.appendLeft(decl.end, ` = ${define}undefined)`);
    }
  }
  tagHandlers(ms, a, plan);
}

/**
 * `VNET_SYSINIT(fn, order)` gets the module as a third argument, so the runtime can remove a
 * module's handlers when a dev server unloads it (`__vimage.unload`). Calls it cannot read
 * (spread, more arguments) are left as written.
 */
function tagHandlers(ms: MagicString, a: Analysis, plan: Plan): void {
  for (const use of a.markerUses) {
    if (use.name !== 'VNET_SYSINIT' && use.name !== 'VNET_SYSUNINIT') continue;
    const callee = climbWrappers(use.node);
    const call = callee.parent;
    if (!isCallExpression(call) || call.expression !== callee) continue;
    const args = call.arguments;
    if (args.length < 1 || args.length > 2 || args.some(isSpreadElement)) continue;
    ms.appendLeft(
      args[args.length - 1]!.end,
      `${args.length === 1 ? ', undefined' : ''}, ${JSON.stringify(plan.module)}`,
    );
  }
}

/**
 * A marked `const` that is assigned somewhere: plain JavaScript throws on the assignment, but
 * under VIMAGE it becomes a slot write that succeeds, so the two builds would disagree.
 */
function checkConstWrites(a: Analysis): void {
  for (const v of a.virtualized) {
    if (v.binding?.kind !== 'const') continue;
    const write = v.binding.references.find((r) => r.kind !== 'read');
    if (!write) continue;
    throw new TransformError(errors.constReassigned(v.name), nodeAt(a, write.node));
  }
}

/**
 * VIMAGE off: `VNET_DEFINE(x)` becomes `x`, the tag and the decorator vanish; nothing else moves.
 */
export function stripMarkers(ms: MagicString, a: Analysis): void {
  checkConstWrites(a);
  for (const v of a.virtualized) {
    if (v.form === 'call') {
      const call = v.marker as ts.CallExpression;
      const arg = call.arguments[0]!;
      ms.remove(call.getStart(a.sourceFile), arg.getStart(a.sourceFile));
      ms.remove(arg.end, call.end);
    } else if (v.form === 'tag') {
      removeTag(ms, a, v);
    } else {
      ms.remove(v.markerRange.start, skipSpaces(a.code, v.markerRange.end));
    }
  }
}

function staticField(
  ms: MagicString,
  a: Analysis,
  plan: Plan,
  slot: OwnSlot,
  field: ts.PropertyDeclaration,
): void {
  const sf = a.sourceFile;
  const others = getDecorators(field)?.filter((d) => d !== slot.v.marker) ?? [];
  if (others.length) {
    throw new TransformError(errors.otherDecorators(slot.v.name), nodeAt(a, others[0]!));
  }
  if (isComputedPropertyName(field.name)) {
    throw new TransformError(errors.computedFieldName(), nodeAt(a, field.name));
  }
  // The marker goes as VIMAGE off removes it, so a line break after it stays.
  if (slot.v.form === 'tag') removeTag(ms, a, slot.v);
  else if (slot.v.form === 'decorator')
    ms.remove(slot.v.markerRange.start, skipSpaces(a.code, slot.v.markerRange.end));
  const name = field.name.getText(sf);
  // The type is written twice on one line: a multi-line type (or one with a line comment) is
  // reprinted flat.
  const typeText =
    field.type &&
    (/[\n\r]/.test(field.type.getText(sf))
      ? flatPrinter()
          .printNode(EmitHint.Unspecified, field.type, sf)
          .replace(/\s*\n\s*/g, ' ')
      : field.type.getText(sf));
  const type = typeText ? `: ${typeText}` : '';
  const access = accessOf(plan, slot.slotVar);
  const isPrivate = isPrivateIdentifier(field.name);
  // A public field becomes an enumerable accessor made by the runtime (subclass writes and
  // Object.keys behave as with a field). A #private field cannot be defined from outside: it
  // gets a private accessor pair.
  const accessors = isPrivate
    ? `static get ${name}()${type} { return ${access}; } ` +
      `static set ${name}(value${type}) { ${access} = value; } `
    : '';
  const fieldKey =
    isStringLiteral(field.name) || isNumericLiteral(field.name)
      ? field.name.text
      : field.name.getText(sf);
  const fieldSetup = isPrivate
    ? ''
    : `${plan.linker}.field(this, ${JSON.stringify(fieldKey)}, ${slot.slotVar}); `;
  const define = slot.v.form === 'auto' ? 'defineAuto' : 'define';
  const head = `${accessors}static { ${fieldSetup}${plan.linker}.${define}(${slot.slotVar}, `;
  // Modifiers, name and type go; the initializer stays in place, so rewrites inside it survive.
  // Line breaks in what goes are kept, so no original line moves.
  const start = (getModifiers(field)?.[0] ?? field.name).getStart(sf);
  const breaks = (from: number, to: number): string =>
    '\n'.repeat(a.code.slice(from, to).split('\n').length - 1);
  if (field.initializer) {
    const init = field.initializer.getStart(sf);
    ms.overwrite(start, init, head + breaks(start, init));
    ms.overwrite(
      field.initializer.end,
      field.end,
      `); }${breaks(field.initializer.end, field.end)}`,
    );
    // After both overwrites: text inserted at their edges would otherwise be overwritten too.
    keepName(ms, a, field.initializer, fieldKey);
  } else {
    ms.overwrite(start, field.end, `${head}undefined); }${breaks(start, field.end)}`);
  }
}

let printer: ts.Printer | undefined;
const flatPrinter = (): ts.Printer =>
  (printer ??= createPrinter({ removeComments: true, newLine: NewLineKind.LineFeed }));

/** A tag alone in its comment removes the comment; beside other text, only `@vnet` goes. */
function removeTag(ms: MagicString, a: Analysis, v: Virtualized): void {
  const { start, end } = v.markerRange;
  const text = a.code.slice(start, end);
  const at = text.search(/@vnet(?![\w$-])/);
  if (at < 0) return;
  const rest = text.slice(0, at) + text.slice(at + 5);
  if (/^\/\*\*[\s*]*\*\/$/.test(rest)) ms.remove(start, skipSpaces(a.code, end));
  else ms.remove(start + at, start + at + 5);
}

function skipSpaces(code: string, pos: number): number {
  while (code[pos] === ' ' || code[pos] === '\t') pos++;
  return pos;
}

/**
 * Where an automatic global's value is taken: its initializer, or after a destructuring statement.
 */
function defineAuto(ms: MagicString, a: Analysis, plan: Plan, slot: OwnSlot): void {
  const decl = slot.v.declaration as ts.VariableDeclaration;
  const call = `${plan.linker}.defineAuto(${slot.slotVar}, `;
  if (isIdentifier(decl.name)) {
    // `var x;` gives no value: the slot keeps what earlier code (hoisting) put there.
    if (!decl.initializer) return;
    ms.appendLeft(decl.initializer.getStart(a.sourceFile), call);
    ms.prependRight(decl.initializer.end, ')');
    keepName(ms, a, decl.initializer, slot.v.name);
    return;
  }
  ms.appendLeft(decl.parent.parent.end, ` ${call}${slot.v.name});`);
}
