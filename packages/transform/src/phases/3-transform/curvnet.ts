import type ts from 'typescript';
import type MagicString from 'magic-string';
import type { Analysis } from '../2-analyze/index.js';
import type { Plan } from './plan.js';
import { resumeArgument } from './rewrite.js';
import {
  forEachChild,
  isAwaitExpression,
  isBindingElement,
  isBlock,
  isCallExpression,
  isExpressionStatement,
  isFunctionDeclaration,
  isGetAccessor,
  isIdentifier,
  isMethodDeclaration,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isQualifiedName,
  isSetAccessor,
  isForOfStatement,
  isFunctionLike,
  isLabeledStatement,
  isParameter,
  isPropertyDeclaration,
  isStringLiteral,
  isYieldExpression,
  ModifierFlags,
  getCombinedModifierFlags,
} from '../../ts.js';

/**
 * Where transformed code re-reads curvnet (asyncContext 'storage'). The runtime keeps curvnet in
 * an AsyncLocalStorage that Node carries into every continuation; `__vimage.c` is only brought in
 * line with it where a continuation can begin in this module's code:
 *
 *   function f(a = x) { … x … }  →  function f(a = (L.e(), <x>)) { L.e(); … <x> … }
 *   async function f() { … }     →  async function f() { const $vn = L.e(); … }
 *   await E  (async function)    →  L.r(await E, $vn)
 *   await E, yield E (generator) →  L.r(await E), L.r(yield E)
 *   for await (… of E) S         →  { for await (… of E) { L.s($vn); S } L.s($vn); }
 *   y = x  (instance field)      →  y = (L.e(), <x>)
 *
 * An async function resumes in the context it suspended in, which is the one it was called in,
 * so it re-enters the vnet it captured with no lookup; a generator resumes in whoever calls
 * next(), so it looks curvnet up again (`L.r(v)` with no vnet).
 *
 * only in functions that touch a virtualized global themselves. A function that touches none is
 * left as written, so it still works after `fn.toString()` and `eval`. Inside one synchronous run
 * nothing else changes curvnet without restoring it, so one re-read per entry and per resumption
 * keeps every access in between a plain load. A module's top level re-reads in its registration.
 * A function the module keeps to itself and only calls directly from code that has re-read
 * (a helper called per iteration of a hot loop) inherits its caller's re-read instead.
 */
type FunctionWithBody = ts.FunctionLikeDeclaration & { body: ts.ConciseBody };

/**
 * The code that runs from one entry: a function's body, an instance field's initializer, a module.
 */
interface Owner {
  node: ts.Node;
  /** Parameter and binding-element initializers that touch a global: each may run first. */
  initializers: Set<ts.Expression>;
}

export function reenterCurvnet(ms: MagicString, a: Analysis, plan: Plan): void {
  const owners = new Map<ts.Node, Owner>();
  for (const node of plan.accesses) {
    const found = ownerOf(node, a.sourceFile);
    let owner = owners.get(found.node);
    if (!owner) owners.set(found.node, (owner = { node: found.node, initializers: new Set() }));
    if (found.initializer) owner.initializers.add(found.initializer);
  }
  const L = plan.linker;
  // A module that holds or references globals re-reads after its own top-level awaits.
  if (plan.own.length || plan.refs.size)
    owners.set(
      a.sourceFile,
      owners.get(a.sourceFile) ?? { node: a.sourceFile, initializers: new Set() },
    );
  // Resumptions first: their closing parentheses go inside a concise arrow body's.
  const suspensions = suspensionsOf(a.sourceFile, a.code);
  for (const [fn, s] of suspensions) {
    if (!owners.has(fn)) continue;
    const vn = fn === a.sourceFile ? '' : resumeArgument(plan, s.resumes[0] ?? s.forAwaits[0]!);
    for (const loop of s.forAwaits) forAwait(ms, a, L, loop, vn);
    for (const node of s.resumes) {
      ms.prependRight(node.getStart(a.sourceFile), `${L}.r(`);
      ms.appendLeft(node.end, vn ? `, ${vn})` : ')');
    }
  }
  const inheriting = inheritingHelpers(a.sourceFile, owners);
  for (const owner of owners.values()) {
    for (const init of owner.initializers) wrap(ms, a, L, init);
    const n = owner.node;
    if (isPropertyDeclaration(n)) {
      wrap(ms, a, L, n.initializer!);
      continue;
    }
    if (n === a.sourceFile) continue;
    const s = suspensions.get(n);
    const vn = s ? resumeArgument(plan, s.resumes[0] ?? s.forAwaits[0]!) : '';
    const inherits = inheriting.has(n);
    // A helper inherits its caller's re-read; an async one still captures the vnet it runs in.
    const head = vn ? `const ${vn} = ${L}.${inherits ? 'v' : 'e()'};` : inherits ? '' : `${L}.e();`;
    if (head) entry(ms, a, n as FunctionWithBody, head, vn ? '' : `${L}.e()`);
  }
}

/**
 * Function declarations that need no re-read of their own: not exported, not generators (whose
 * body starts later, at next()), and every identifier of their name in the file is a direct call
 * from the body of an owner, which is in line with curvnet there (by its own re-read, or by this
 * same rule from its callers). Any other use of the name (passed on, a property, a shadowing
 * local's use) keeps the re-read: the rule only has to be conservative.
 */
function inheritingHelpers(sf: ts.SourceFile, owners: Map<ts.Node, Owner>): Set<ts.Node> {
  const candidates = new Map<string, ts.FunctionDeclaration>();
  for (const n of owners.keys()) {
    if (!isFunctionDeclaration(n) || !n.name || n.asteriskToken) continue;
    if (getCombinedModifierFlags(n) & (ModifierFlags.Export | ModifierFlags.Default)) continue;
    if (candidates.has(n.name.text))
      candidates.set(n.name.text, undefined as never); // two of one name: neither
    else candidates.set(n.name.text, n);
  }
  for (const [name, fn] of candidates) if (!fn) candidates.delete(name);
  if (!candidates.size) return new Set();
  const disqualified = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (isIdentifier(node)) {
      const fn = candidates.get(node.text);
      if (fn && node !== fn.name && !isMemberName(node) && !isSyncedCall(node, sf, owners))
        disqualified.add(node.text);
      return;
    }
    forEachChild(node, visit);
  };
  forEachChild(sf, visit);
  return new Set([...candidates].filter(([name]) => !disqualified.has(name)).map(([, fn]) => fn));
}

/** `o.step`, `{ step: 1 }`, `class { step() {} }`: a name that can never refer to a binding. */
function isMemberName(id: ts.Identifier): boolean {
  const p = id.parent;
  return (
    (isPropertyAccessExpression(p) && p.name === id) ||
    (isQualifiedName(p) && p.right === id) ||
    ((isPropertyAssignment(p) ||
      isMethodDeclaration(p) ||
      isPropertyDeclaration(p) ||
      isGetAccessor(p) ||
      isSetAccessor(p)) &&
      p.name === id)
  );
}

function isSyncedCall(id: ts.Identifier, sf: ts.SourceFile, owners: Map<ts.Node, Owner>): boolean {
  if (!isCallExpression(id.parent) || id.parent.expression !== id) return false;
  const found = ownerOf(id, sf);
  return !found.initializer && owners.has(found.node);
}

/**
 * The function (or instance field, or module) whose entry runs before `node`. Decorators,
 * computed names and static members run when their class is defined, in the enclosing code.
 */
function ownerOf(node: ts.Node, sf: ts.SourceFile): { node: ts.Node; initializer?: ts.Expression } {
  let initializer: ts.Expression | undefined;
  let child = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if ((isParameter(n) || isBindingElement(n)) && n.initializer === child)
      initializer = n.initializer;
    if (isFunctionLike(n) && (n as FunctionWithBody).body) {
      const fn = n as FunctionWithBody;
      if (child === fn.body) return { node: fn };
      if (fn.parameters.some((p) => p === child))
        return initializer ? { node: fn, initializer } : { node: fn };
    } else if (
      isPropertyDeclaration(n) &&
      n.initializer === child &&
      !(getCombinedModifierFlags(n) & ModifierFlags.Static)
    ) {
      return { node: n };
    }
  }
  return { node: sf };
}

/**
 * `head` first in the body, after a directive prologue. A concise arrow body becomes
 * `(expression, body)` where the head is one expression, else a block that returns the body.
 */
function entry(
  ms: MagicString,
  a: Analysis,
  fn: FunctionWithBody,
  head: string,
  expression: string,
): void {
  const body = fn.body;
  if (!isBlock(body)) {
    const start = body.getStart(a.sourceFile);
    ms.appendLeft(start, expression ? `(${expression}, ` : `{ ${head} return (`);
    ms.appendLeft(body.end, expression ? ')' : '); }');
    return;
  }
  let at = body.getStart(a.sourceFile) + 1;
  for (const s of body.statements) {
    if (isExpressionStatement(s) && isStringLiteral(s.expression)) at = s.end;
    else break;
  }
  ms.appendLeft(at, ` ${head}`);
}

function wrap(ms: MagicString, a: Analysis, L: string, e: ts.Expression): void {
  ms.appendLeft(e.getStart(a.sourceFile), `(${L}.e(), `);
  ms.appendLeft(e.end, ')');
}

/** A for-await loop resumes before every iteration and once more after its last. */
function forAwait(
  ms: MagicString,
  a: Analysis,
  L: string,
  loop: ts.ForOfStatement,
  vn: string,
): void {
  const sf = a.sourceFile;
  const enter = `${L}.s(${vn});`;
  let outer: ts.Statement = loop;
  while (isLabeledStatement(outer.parent)) outer = outer.parent;
  // In a block of its own, so the re-entry after it stays inside an unbraced `if`/`else` branch.
  ms.appendLeft(outer.getStart(sf), '{ ');
  ms.prependRight(outer.end, ` ${enter} }`);
  const body = loop.statement;
  if (isBlock(body)) {
    ms.appendLeft(body.getStart(sf) + 1, ` ${enter}`);
  } else {
    ms.appendLeft(body.getStart(sf), `{ ${enter} `);
    ms.prependRight(body.end, ' }');
  }
}

interface Suspensions {
  resumes: Array<ts.AwaitExpression | ts.YieldExpression>;
  forAwaits: ts.ForOfStatement[];
}

/** Awaits, yields and for-await loops, grouped by the function (or module) they suspend. */
function suspensionsOf(sf: ts.SourceFile, code: string): Map<ts.Node, Suspensions> {
  const found = new Map<ts.Node, Suspensions>();
  // Without these words there is nothing to find: skip the walk over the whole tree.
  if (!code.includes('await') && !code.includes('yield')) return found;
  const add = (owner: ts.Node): Suspensions => {
    let s = found.get(owner);
    if (!s) found.set(owner, (s = { resumes: [], forAwaits: [] }));
    return s;
  };
  let owner: ts.Node = sf;
  const visit = (node: ts.Node): void => {
    const outer = owner;
    if (isFunctionLike(node)) owner = node;
    else if (isAwaitExpression(node) || isYieldExpression(node)) add(owner).resumes.push(node);
    else if (isForOfStatement(node) && node.awaitModifier) add(owner).forAwaits.push(node);
    forEachChild(node, visit);
    owner = outer;
  };
  forEachChild(sf, visit);
  // Inner suspensions were pushed after outer ones; closing parentheses must nest inner first.
  for (const s of found.values()) s.resumes.reverse();
  return found;
}
