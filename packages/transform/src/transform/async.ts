import type ts from 'typescript';
import type MagicString from 'magic-string';
import type { Analysis } from '../analyze/index.js';
import type { Plan } from './plan.js';
import { guardStatementStart } from './rewrite.js';
import {
  ModifierFlags, forEachChild, getCombinedModifierFlags, isAwaitExpression, isBlock,
  isClassStaticBlockDeclaration, isExpressionStatement, isForOfStatement, isFunctionLike,
  isLabeledStatement, isPropertyDeclaration, isStringLiteral, isYieldExpression,
} from '../ts.js';

/**
 * asyncContext 'await': every async function keeps the vnet it was called in across its own
 * suspensions, with no promise hook. Each function captures the vnet at its call ($vn) and
 * remembers the vnet to hand back when it suspends ($vp):
 *
 *   await E   →   ($vt = E, L.sw($vp), $vt = await $vt, $vp = L.sw($vn), $vt)
 *
 * Before suspending it gives back the vnet its resumption started in, so code that resumes
 * after it (a top-level `await Promise.all(tenants)`) is not left in a tenant's vnet; the body
 * is wrapped in try/finally for the same reason on return and throw.
 */
export interface AsyncNames {
  vn: string;
  vp: string;
  vt: string;
}

type AsyncFunction = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

interface Suspensions {
  awaits: Array<ts.AwaitExpression | ts.YieldExpression>;
  forAwaits: ts.ForOfStatement[];
}

/** Returns whether the module had anything to compile. */
export function compileAwaits(ms: MagicString, a: Analysis, plan: Plan): boolean {
  const found = collect(a.sourceFile, a.code);
  if (!found.size) return false;
  const names: AsyncNames = { vn: plan.fresh('$vn'), vp: plan.fresh('$vp'), vt: plan.fresh('$vt') };
  plan.asyncNames = names;
  // Order matters where insertions meet at one position: the frame's closing text goes after a
  // loop's, which goes after an await's, so they are added frame first (prependRight puts later text first).
  for (const [owner, s] of found) {
    if (owner !== a.sourceFile) frame(ms, a, plan.linker, names, owner as AsyncFunction);
    for (const loop of s.forAwaits) forAwait(ms, a, plan.linker, names, loop);
    for (const node of s.awaits) suspension(ms, a, plan.linker, names, node);
  }
  plan.topLevelAwait = found.has(a.sourceFile);
  return true;
}

/** The module-level frame for top-level await: declared in the prologue, given back at the end. */
export function moduleFrame(plan: Plan): { head: string; tail: string } {
  const n = plan.asyncNames;
  if (!n || !plan.topLevelAwait) return { head: '', tail: '' };
  return { head: `const ${n.vn} = ${plan.linker}.v; let ${n.vp} = ${n.vn}, ${n.vt};`, tail: `${plan.linker}.sw(${n.vp});` };
}

/** Awaits, async-generator yields and for-await loops, grouped by the function (or module) they suspend. */
function collect(sf: ts.SourceFile, code: string): Map<ts.Node, Suspensions> {
  const found = new Map<ts.Node, Suspensions>();
  // Without these words there is nothing to find: skip the walk over the whole tree.
  if (!code.includes('await') && !(code.includes('async') && code.includes('yield'))) return found;
  const add = (owner: ts.Node): Suspensions => {
    let s = found.get(owner);
    if (!s) found.set(owner, (s = { awaits: [], forAwaits: [] }));
    return s;
  };
  // The function (or module) a suspension belongs to, as the walk descends: one visitor, no closure per node.
  let owner: ts.Node | undefined = sf;
  const visit = (node: ts.Node): void => {
    const outer = owner;
    if (isFunctionLike(node)) {
      const fn = node as ts.FunctionLikeDeclaration;
      owner = !!fn.body && (getCombinedModifierFlags(fn) & ModifierFlags.Async) !== 0 ? fn : undefined;
    } else if (isClassStaticBlockDeclaration(node) || isPropertyDeclaration(node)) {
      // Field initializers and static blocks cannot await; nested functions are visited fresh.
      owner = undefined;
    } else if (owner) {
      if (isAwaitExpression(node)) add(owner).awaits.push(node);
      else if (isYieldExpression(node) && owner !== sf && (owner as ts.FunctionLikeDeclaration).asteriskToken) add(owner).awaits.push(node);
      else if (isForOfStatement(node) && node.awaitModifier) add(owner).forAwaits.push(node);
    }
    forEachChild(node, visit);
    owner = outer;
  };
  forEachChild(sf, visit);
  return found;
}

function suspension(ms: MagicString, a: Analysis, L: string, n: AsyncNames, node: ts.AwaitExpression | ts.YieldExpression): void {
  const sf = a.sourceFile;
  const operand = node.expression;
  const keyword = isAwaitExpression(node) ? 'await' : node.asteriskToken ? 'yield*' : 'yield';
  if (!operand) {
    // A bare `yield` sends undefined.
    ms.overwrite(node.getStart(sf), node.end, guardStatementStart(a, node, `(${L}.sw(${n.vp}), ${n.vt} = ${keyword}, ${n.vp} = ${L}.sw(${n.vn}), ${n.vt})`));
    return;
  }
  // A statement that now starts with `(` must not continue a previous line that relies on ASI.
  ms.overwrite(node.getStart(sf), operand.getStart(sf), guardStatementStart(a, node, `(${n.vt} = `));
  // Outer suspensions are handled before inner ones, so prepending keeps inner text first.
  ms.prependRight(operand.end, `, ${L}.sw(${n.vp}), ${n.vt} = ${keyword} ${n.vt}, ${n.vp} = ${L}.sw(${n.vn}), ${n.vt})`);
}

/** A for-await loop suspends before every iteration: leave before it, re-enter in its body and after it. */
function forAwait(ms: MagicString, a: Analysis, L: string, n: AsyncNames, loop: ts.ForOfStatement): void {
  const sf = a.sourceFile;
  ms.appendLeft(loop.expression.getStart(sf), `(${n.vt} = `);
  ms.prependRight(loop.expression.end, `, ${L}.sw(${n.vp}), ${L}.iter(${n.vt}, ${n.vn}))`);
  const enter = `${n.vp} = ${L}.sw(${n.vn});`;
  // The loop (with its labels) goes into a block that re-enters after the last suspension.
  // Added before the body's wrapping: a body without braces ends where the loop ends.
  let outer: ts.Statement = loop;
  while (isLabeledStatement(outer.parent)) outer = outer.parent;
  ms.appendLeft(outer.getStart(sf), '{ ');
  ms.prependRight(outer.end, ` ${enter} }`);
  const body = loop.statement;
  if (isBlock(body)) {
    ms.appendLeft(body.getStart(sf) + 1, ` ${enter} try {`);
    ms.prependRight(body.end - 1, `} finally { ${L}.sw(${n.vp}); } `);
  } else {
    ms.appendLeft(body.getStart(sf), `{ ${enter} try { `);
    ms.prependRight(body.end, ` } finally { ${L}.sw(${n.vp}); } }`);
  }
}

function frame(ms: MagicString, a: Analysis, L: string, n: AsyncNames, fn: AsyncFunction): void {
  const sf = a.sourceFile;
  const head = `const ${n.vn} = ${L}.v; let ${n.vp} = ${n.vn}, ${n.vt}; try {`;
  const tail = `} finally { ${L}.sw(${n.vp}); }`;
  const body = fn.body!;
  if (isBlock(body)) {
    // After a directive prologue ('use strict') in the body, which must stay first.
    let at = body.getStart(sf) + 1;
    for (const s of body.statements) {
      if (isExpressionStatement(s) && isStringLiteral(s.expression)) at = s.end;
      else break;
    }
    ms.appendLeft(at, ` ${head}`);
    ms.prependRight(body.end - 1, `${tail} `);
  } else {
    // A concise arrow body becomes a block that returns it.
    ms.appendLeft(body.getStart(sf), `{ ${head} return (`);
    ms.prependRight(body.end, `); ${tail} }`);
  }
}
