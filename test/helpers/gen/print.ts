import type { CaseSpec, GlobalSpec, ModuleSpec, SnippetSpec } from './model.js';
import { snippet, TYPE, value, type Ref } from './snippets.js';

/**
 * Turns case specs into TypeScript files. Module i of a case is `<letter>.ts` (a, b, c, d),
 * its globals `a0, a1, ...`, static fields live in class `Ka`, its exported ops `op_a_0, ...`
 * take the run's context. The last module is the entry: its ops are the steps.
 */
const LETTERS = 'abcd';

interface Own extends GlobalSpec {
  name: string;
  exportName: string;
  binding: boolean;
  writable: boolean;
}

interface Surface {
  letter: string;
  own: Own[];
  ops: string[];
  /** Every exported name, for `import { ... }` lists. */
  exports: string[];
}

function surface(m: ModuleSpec, i: number): Surface {
  const letter = LETTERS[i]!;
  const own = m.globals.map((g, j): Own => {
    const binding = g.form === 'call' || g.form === 'tag';
    const name = `${letter}${j}`;
    return {
      ...g,
      name,
      binding,
      writable: !binding || g.decl !== 'const',
      exportName: binding && g.exportAs === 'renamed' ? `x_${name}` : name,
    };
  });
  const ops = m.ops.map((_, k) => `op_${letter}_${k}`);
  const exports = [
    ...own.filter((g) => g.binding).map((g) => g.exportName),
    ...own.filter((g) => g.binding && g.writable).map((g) => `set_${g.name}`),
    ...(own.some((g) => !g.binding) ? [`K${letter}`] : []),
    ...ops,
    `dump_${letter}`,
  ];
  return { letter, own, ops, exports };
}

/**
 * The ways one import style names module M's exports: `a0`, `r_a0`, `ns_a.a0`, `k_a0`, `bar.a0`,
 * `bar.ns_a.a0`, and `dn_a.a0` through the namespace `await import()` gives.
 */
interface Path {
  name(e: string): string;
  bare: boolean;
  ns?: string;
}
function paths(style: number, letter: string): Path[] {
  const out: Path[] = [];
  if (style & 1) out.push({ name: (e) => e, bare: true });
  if (style & 2) out.push({ name: (e) => `r_${e}`, bare: true });
  if (style & 4) out.push({ name: (e) => `ns_${letter}.${e}`, bare: false, ns: `ns_${letter}` });
  if (style & 8) out.push({ name: (e) => `k_${e}`, bare: true });
  if (style & 16) {
    out.push({ name: (e) => `bar.${e}`, bare: false, ns: 'bar' });
    out.push({ name: (e) => `bar.ns_${letter}.${e}`, bare: false, ns: `bar.ns_${letter}` });
  }
  if (style & 32) out.push({ name: (e) => `dn_${letter}.${e}`, bare: false, ns: `dn_${letter}` });
  return out;
}

function importLines(style: number, s: Surface, via: string): string[] {
  const from = `'./${s.letter}'`;
  const lines: string[] = [];
  if (style & 1) lines.push(`import { ${s.exports.join(', ')} } from ${from};`);
  if (style & 2)
    lines.push(`import { ${s.exports.map((e) => `${e} as r_${e}`).join(', ')} } from ${from};`);
  if (style & 4) lines.push(`import * as ns_${s.letter} from ${from};`);
  if (style & 8)
    lines.push(`import { ${s.exports.map((e) => `k_${e}`).join(', ')} } from '${via}';`);
  if (style & 32) lines.push(`const dn_${s.letter} = await import(${from});`);
  return lines;
}

function refsThrough(p: Path, s: Surface): Ref[] {
  const refs: Ref[] = [];
  for (const g of s.own) {
    if (g.binding) {
      const ns = p.ns ? { obj: p.ns, key: g.exportName } : undefined;
      refs.push({
        kind: g.kind,
        expr: p.name(g.exportName),
        writable: false,
        bare: p.bare,
        setter: g.writable ? p.name(`set_${g.name}`) : undefined,
        ns,
      });
    } else {
      const cls = p.name(`K${s.letter}`);
      refs.push({
        kind: g.kind,
        expr: `${cls}.${g.name}`,
        writable: true,
        bare: false,
        inc: g.kind === 'num' ? `${cls}.inc_${g.name}()` : undefined,
      });
    }
  }
  return refs;
}

function ownRef(g: Own, letter: string): Ref {
  if (g.binding) return { kind: g.kind, expr: g.name, writable: g.writable, bare: true };
  return {
    kind: g.kind,
    expr: `K${letter}.${g.name}`,
    writable: true,
    bare: false,
    inc: g.kind === 'num' ? `K${letter}.inc_${g.name}()` : undefined,
  };
}

const indent = (text: string, by = '  ') => text.replace(/^(?=.)/gm, by);

/** What a module sees: globals by every path it imports them through, and callable ops. */
class Scope {
  refs: Ref[] = [];
  ops: string[] = [];
  bound = new Set<string>();
  private counter = 0;

  statement(s: SnippetSpec, ownOps: string[]): string {
    const ops = [...this.ops, ...ownOps];
    if (s.op && ops.length) return `${ops[s.t % ops.length]}(ctx);`;
    if (!this.refs.length) return `ctx.log.push(${s.n});`;
    const r = this.refs[s.g % this.refs.length]!;
    const peers = (writable: boolean) =>
      this.refs.filter((p) => p.kind === r.kind && (!writable || p.writable));
    return snippet(r, s.t, {
      n: s.n,
      local: `l${this.counter++}`,
      peer: (x, writable) => {
        const list = peers(writable);
        return list.length ? list[s.n % list.length]! : x;
      },
    });
  }
}

function declaration(g: Own): string {
  const type = TYPE[g.kind];
  const init = value(g.kind, g.init);
  const exp = g.exportAs === 'inline' ? 'export ' : '';
  if (g.form === 'call') {
    return g.typeArg
      ? `${exp}${g.decl} ${g.name} = VNET_DEFINE<${type}>(${init});`
      : `${exp}${g.decl} ${g.name}: ${type} = VNET_DEFINE(${init});`;
  }
  if (g.noInit && g.kind === 'opt' && g.decl !== 'const')
    return `/** @vnet */ ${exp}${g.decl} ${g.name}: ${type};`;
  return `/** @vnet */ ${exp}${g.decl} ${g.name}: ${type} = ${init};`;
}

function classOf(statics: Own[], letter: string): string {
  const fields = statics.map(
    (g) =>
      `${g.form === 'static' ? '@vnet' : '/** @vnet */'} static ${g.name}: ${TYPE[g.kind]} = ${value(g.kind, g.init)};`,
  );
  const first = statics[0]!;
  // A static block reading a virtualized field through `this` while the class is defined.
  const seen = `static seen = '';\nstatic {\n  this.seen = typeof this.${first.name} + ':' + (typeof this.${first.name} === 'number' ? this.${first.name} : '');\n}`;
  const incs = statics
    .filter((g) => g.kind === 'num')
    .map((g) => `static inc_${g.name}() {\n  return ++this.${g.name};\n}`);
  return `export class K${letter} {\n${indent([...fields, seen, ...incs].join('\n'))}\n}`;
}

export interface PrintedCase {
  files: Map<string, string>;
  entry: string;
  vnets: number;
  schedule: number[];
}

export function printCase(spec: CaseSpec): PrintedCase {
  const surfaces = spec.modules.map(surface);
  const files = new Map<string, string>();
  const last = spec.modules.length - 1;
  spec.modules.forEach((m, i) =>
    files.set(`${LETTERS[i]}.ts`, printModule(m, i, i === last, surfaces)),
  );
  // Module i imports earlier modules' re-exports from via_<i>.ts, a chain of barrels (no cycles).
  for (let i = 1; i <= last; i++) {
    const prev = surfaces[i - 1]!;
    const lines = [
      ...(i > 1 ? [`export * from './via_${LETTERS[i - 1]}';`] : []),
      `export * from './${prev.letter}';`,
      `export * as ns_${prev.letter} from './${prev.letter}';`,
      `export { ${prev.exports.map((e) => `${e} as k_${e}`).join(', ')} } from './${prev.letter}';`,
    ];
    files.set(`via_${LETTERS[i]}.ts`, `${lines.join('\n')}\n`);
  }
  return {
    files,
    entry: LETTERS[last]!,
    vnets: spec.vnets,
    schedule: interleave(spec.vnets, spec.modules[last]!.ops.length, spec.schedule),
  };
}

/** A merge of `vnets` runs of `steps` steps each, picked by `picks`. */
function interleave(vnets: number, steps: number, picks: number[]): number[] {
  const left = Array.from({ length: vnets }, () => steps);
  const order: number[] = [];
  for (const p of picks) {
    const open = left.flatMap((n, j) => (n ? [j] : []));
    if (!open.length) break;
    const j = open[p % open.length]!;
    left[j]!--;
    order.push(j);
  }
  left.forEach((n, j) => order.push(...Array<number>(n).fill(j)));
  return order;
}

function printModule(m: ModuleSpec, i: number, entry: boolean, surfaces: Surface[]): string {
  const me = surfaces[i]!;
  const L = me.letter;
  const scope = new Scope();
  const imports: string[] = [];
  const order = m.imports.map((_, j) => j);
  if (m.reverseImports) order.reverse();
  for (const j of order) {
    const style = m.imports[j]!;
    const s = surfaces[j]!;
    imports.push(...importLines(style, s, `./via_${L}`));
    for (const p of paths(style, s.letter)) {
      scope.refs.push(...refsThrough(p, s));
      scope.ops.push(...s.ops.map((op) => p.name(op)));
      if (p.bare) s.exports.forEach((e) => scope.bound.add(p.name(e)));
    }
  }
  if (m.imports.some((style) => style & 16)) imports.push(`import * as bar from './via_${L}';`);
  scope.refs.push(...me.own.map((g) => ownRef(g, L)));

  const body: string[] = [];
  const dump: string[] = [];
  const vars = me.own.filter((g) => g.binding && g.decl === 'var');
  const early = m.early && vars.length ? vars[0] : undefined;
  if (early) {
    body.push(`export const early_${L} = probe_${L}();`);
    dump.push(`early: early_${L}`);
  }
  // A let or const read (and a let written) before its declaration: the temporal dead zone.
  const lexical = m.early ? me.own.find((g) => g.binding && g.decl !== 'var') : undefined;
  if (lexical) {
    body.push(`export const tdz_${L} = tdzProbe_${L}();`);
    dump.push(`tdz: tdz_${L}`);
  }
  const ops = m.ops.map((op, k) => {
    const stmts = op.map((s) => scope.statement(s, me.ops.slice(0, k)));
    return `export function ${me.ops[k]}(ctx: Ctx) {\n${indent(stmts.join('\n'))}\n}`;
  });
  if (m.opsFirst) body.push(...ops);
  body.push(...me.own.filter((g) => g.binding).map(declaration));
  const statics = me.own.filter((g) => !g.binding);
  if (statics.length) body.push(classOf(statics, L));
  const listed = me.own.filter((g) => g.binding && g.exportAs !== 'inline');
  if (listed.length)
    body.push(
      `export { ${listed.map((g) => (g.exportName === g.name ? g.name : `${g.name} as ${g.exportName}`)).join(', ')} };`,
    );
  if (m.plainShadow) {
    const name = surfaces
      .slice(0, i)
      .flatMap((s) => s.own.filter((g) => g.binding).map((g) => g.name))
      .find((n) => !scope.bound.has(n));
    if (name) {
      body.push(`const ${name} = 'plain-${L}';`);
      dump.push(`plain: ${name}`);
    }
  }
  // Plain module state read at load: only primitives (or typeof), since a plain const holding a
  // virtualized object would alias vnet0's copy, which other vnets rightly do not see.
  if (m.boot !== null && scope.refs.length) {
    const r = scope.refs[m.boot % scope.refs.length]!;
    body.push(
      `const boot_${L}: unknown = typeof ${r.expr} === 'object' || typeof ${r.expr} === 'function' ? typeof ${r.expr} : ${r.expr};`,
    );
    dump.push(`boot: boot_${L}`);
  }
  for (const g of me.own.filter((g) => g.binding && g.writable))
    body.push(`export function set_${g.name}(v: typeof ${g.name}) {\n  ${g.name} = v;\n}`);
  if (!m.opsFirst) body.push(...ops);
  for (const g of me.own) dump.push(g.binding ? g.name : `'K${L}.${g.name}': K${L}.${g.name}`);
  if (statics.length) dump.push(`seen: K${L}.seen`);
  body.push(`export function dump_${L}() {\n  return {${dump.map((d) => ` ${d}`).join(',')} };\n}`);
  if (early) {
    const x = early.name;
    // Not when it has no initializer: the write would be lost under VIMAGE (a known bug, see property.test.ts).
    const write = early.noInit && early.kind === 'opt' ? '' : `\n  ${x} = ${value(early.kind, 8)};`;
    body.push(
      `function probe_${L}() {\n  const seen = [typeof ${x}, ${x} === undefined];${write}\n  return [...seen, typeof ${x}];\n}`,
    );
  }
  if (lexical) {
    const x = lexical.name;
    const attempt = (what: string) =>
      `(() => { try { return String(${what}); } catch (e) { return (e as Error).constructor.name; } })()`;
    const tries = [attempt(`typeof ${x}`), attempt(`${x} === undefined`)];
    if (lexical.decl === 'let') tries.push(attempt(`${x} = ${value(lexical.kind, 9)}`));
    body.push(`function tdzProbe_${L}() {\n  return [${tries.join(', ')}];\n}`);
  }
  // Top-level writes go through VNET_SYSINIT, which each new vnet reruns: a plain top-level write
  // lands in vnet0 only, so a later vnet would (by contract) differ from the off build.
  if (m.sysinit.length) {
    const stmts = m.sysinit.map((s) => scope.statement(s, me.ops));
    body.push(`VNET_SYSINIT(() => {\n  const ctx = newCtx();\n${indent(stmts.join('\n'))}\n});`);
  }
  if (entry) {
    body.push(`export const steps = [${me.ops.join(', ')}];`);
    const dumps = surfaces
      .slice(0, i)
      .map((s, j) => `${paths(m.imports[j]!, s.letter)[0]!.name(`dump_${s.letter}`)}()`);
    body.push(`export function state() {\n  return [${[...dumps, `dump_${L}()`].join(', ')}];\n}`);
  }
  const head = [
    `import { VNET_DEFINE, VNET_SYSINIT, vnet } from '@vimage/runtime';`,
    `import { newCtx, type Ctx } from '../lib';`,
    ...imports,
  ];
  return `${head.join('\n')}\n\n${body.join('\n\n')}\n`;
}

/** Shared by every case: the run context and a JSON-safe view of any value. */
export const LIB = `export interface Ctx {
  log: unknown[];
  keep: (() => unknown)[];
}
export const newCtx = (): Ctx => ({ log: [], keep: [] });

export function show(v: unknown, depth = 0): unknown {
  if (depth > 8) return '#deep';
  if (v === undefined) return '#undefined';
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : \`#\${Object.is(v, -0) ? '-0' : v}\`;
  if (typeof v === 'function') return '#function';
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof Map) return { '#map': [...v].map(([k, x]) => [show(k, depth + 1), show(x, depth + 1)]) };
  if (Array.isArray(v)) return v.map((x) => show(x, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, show(x, depth + 1)]));
}
`;

/**
 * main.ts: with no argument, runs every case's steps in vnet0 and prints \`<i> <result>\`.
 * With \`iso\`, per case: the steps in 2-3 fresh vnets, interleaved (\`<i> v<j> <result>\`);
 * whether vnet0's state stayed as it was (\`<i> vnet0 same\`); the steps in vnet0
 * (\`<i> run0 ...\`); then in a vnet created after vnet0 changed (\`<i> late ...\`).
 */
export function printMain(cases: PrintedCase[]): string {
  const imports = cases.map((c, i) => `import * as c${i} from './case${i}/${c.entry}';`);
  const table = cases.map((c, i) => `  [c${i}, ${c.vnets}, [${c.schedule.join(', ')}]],`);
  return `import { createVnet, withVnet, type Vnet } from '@vimage/runtime';
import { newCtx, show, type Ctx } from './lib';
${imports.join('\n')}

interface Case {
  steps: ((ctx: Ctx) => void)[];
  state(): unknown;
}
const cases: [Case, number, number[]][] = [
${table.join('\n')}
];

function threw(e: unknown): string {
  return \`threw \${e instanceof Error ? \`\${e.name}: \${e.message}\` : String(e)}\`;
}
function result(c: Case, ctx: Ctx): string {
  try {
    const later = ctx.keep.map((f) => f());
    return JSON.stringify(show({ log: ctx.log, later, state: c.state() }));
  } catch (e) {
    return threw(e);
  }
}
function runAll(c: Case): string {
  const ctx = newCtx();
  try {
    for (const step of c.steps) step(ctx);
  } catch (e) {
    return threw(e);
  }
  return result(c, ctx);
}
const state = (c: Case) => {
  try {
    return JSON.stringify(show(c.state()));
  } catch (e) {
    return threw(e);
  }
};

const iso = process.argv[2] === 'iso';
cases.forEach(([c, count, schedule], i) => {
  if (!iso) return console.log(\`\${i} \${runAll(c)}\`);
  const before = state(c);
  const vs: Vnet[] = Array.from({ length: count }, (_, j) => createVnet(\`case\${i}.\${j}\`));
  const ctxs = vs.map(() => newCtx());
  const failed: (string | undefined)[] = vs.map(() => undefined);
  const next = vs.map(() => 0);
  for (const j of schedule) {
    if (failed[j]) continue;
    try {
      withVnet(vs[j]!, () => c.steps[next[j]!++]!(ctxs[j]!));
    } catch (e) {
      failed[j] = threw(e);
    }
  }
  vs.forEach((v, j) => console.log(\`\${i} v\${j} \${failed[j] ?? withVnet(v, () => result(c, ctxs[j]!))}\`));
  const after = state(c);
  console.log(\`\${i} vnet0 \${after === before ? 'same' : \`changed from \${before} to \${after}\`}\`);
  console.log(\`\${i} run0 \${runAll(c)}\`);
  const late = createVnet(\`case\${i}.late\`);
  console.log(\`\${i} late \${withVnet(late, () => runAll(c))}\`);
  for (const v of [...vs, late]) v.destroy();
});
`;
}
