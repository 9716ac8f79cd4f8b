/**
 * Statement templates over one virtualized global, as some module sees it. Each template is
 * deterministic, never throws, and pushes what it computes to `ctx.log`, so that a wrong
 * rewrite (a local turned into a slot, a slot left plain, `this` changed) changes the line.
 */

export type Kind = 'num' | 'str' | 'opt' | 'arr' | 'obj' | 'map' | 'fn';
export const KINDS: readonly Kind[] = ['num', 'str', 'opt', 'arr', 'obj', 'map', 'fn'];

export const TYPE: Record<Kind, string> = {
  num: 'number',
  str: 'string',
  opt: 'number | null | undefined',
  arr: 'number[]',
  obj: 'Record<string, number>',
  map: 'Map<string, number>',
  fn: '(this: unknown, m: number) => unknown',
};

/** How one module names one global. */
export interface Ref {
  kind: Kind;
  /** Reads it: `a0`, `r_a0`, `ns_a.a0`, `bar.ns_a.a0`, `Ka.a1`. */
  expr: string;
  /** Assignable: the defining module's own let/var, or any path to a static field. */
  writable: boolean;
  /** A plain identifier (own binding or import), which locals can shadow. */
  bare: boolean;
  /** Calls the defining module's exported setter (another module's let/var). */
  setter?: string;
  /** Reached as `ns.key`: the namespace object itself can escape. */
  ns?: { obj: string; key: string };
  /** `Ka.inc_a1()`: a static method updating a numeric static field through `this`. */
  inc?: string;
}

export interface Env {
  n: number;
  /** An identifier no other snippet of the module uses. */
  local: string;
  /** Another global of the same kind seen from this module (maybe r itself). */
  peer(r: Ref, writable: boolean): Ref;
}

/** A value of the kind, varied by n. */
export function value(kind: Kind, n: number): string {
  switch (kind) {
    case 'num':
      return `${n}`;
    case 'str':
      return n % 4 === 0 ? `''` : `'s${n}'`;
    case 'opt':
      return n % 3 === 0 ? 'null' : n % 3 === 1 ? 'undefined' : `${n}`;
    case 'arr':
      return n % 4 === 0 ? '[]' : `[${n}, ${n + 1}]`;
    case 'obj':
      return `{ x: ${n}, y: ${n * 2} }`;
    case 'map':
      return `new Map([['k${n}', ${n}]])`;
    case 'fn':
      return n % 2
        ? `function (this: unknown, m: number) { return ['fn${n}', typeof this, m]; }`
        : `(m: number) => ['arrow${n}', m]`;
  }
}

type Need = 'write' | 'bare' | 'setter' | 'ns' | 'inc';
type Emit = (r: Ref, e: Env) => string;
interface Template {
  kinds?: readonly Kind[];
  /** write = assignable; bare = shadowable identifier; setter, ns, inc: the Ref has one. */
  needs?: Need[];
  emit: Emit;
}

const OBJECTS: readonly Kind[] = ['arr', 'obj', 'map'];
/** The templates of a group share some needs. */
function also(needs: Need[], list: Template[]): Template[] {
  return list.map((t) => ({ ...t, needs: [...needs, ...(t.needs ?? [])] }));
}

const push = (...xs: string[]) => `ctx.log.push(${xs.join(', ')});`;

const reads: Template[] = [
  { emit: (r) => push(r.expr) },
  { emit: (r) => push(`typeof ${r.expr}`) },
  { needs: ['bare'], emit: (r) => push(`{ ${r.expr} }`) },
  { emit: (r, e) => `const ${e.local} = () => ${r.expr};\n${push(`${e.local}()`)}` },
  // Closures called at the end of the run, after later steps changed the global.
  { emit: (r) => `ctx.keep.push(() => ${r.expr});` },
  // A hoisted declaration called before its line.
  { emit: (r, e) => `${push(`${e.local}()`)}\nfunction ${e.local}() { return ${r.expr}; }` },
  { emit: (r) => push(`((x = ${r.expr}) => x)()`) },
  { kinds: ['num', 'str', 'opt', 'arr'], emit: (r) => push(`\`<\${${r.expr}}>\``) },
  { kinds: OBJECTS, emit: (r, e) => push(`${r.expr} === ${e.peer(r, false).expr}`) },
  { kinds: ['num'], emit: (r, e) => push(`${r.expr} * 2 + ${e.n}`, `Math.max(${r.expr}, ${e.n})`) },
  { kinds: ['str'], emit: (r) => push(`${r.expr}.length`, `${r.expr}.slice(1)`) },
  {
    kinds: ['opt'],
    emit: (r) => push(`${r.expr} ?? -1`, `${r.expr}?.toFixed(1)`, `${r.expr} == null`),
  },
  { kinds: ['obj'], emit: (r) => push(`{ ...${r.expr} }`, `'x' in ${r.expr}`) },
  { kinds: ['map'], emit: (r) => push(`${r.expr} instanceof Map`, `${r.expr}.size`) },
  // Reads in a pattern default, a class field initializer, a generator, a switch, a method named like the global.
  {
    emit: (r, e) =>
      `{ const { q: ${e.local} = ${r.expr} } = {} as { q?: ${TYPE[r.kind]} }; ${push(e.local)} }`,
  },
  { emit: (r) => push(`new (class { f = ${r.expr}; })().f`) },
  { emit: (r) => push(`[...(function* () { yield ${r.expr}; yield typeof ${r.expr}; })()]`) },
  {
    emit: (r) =>
      `switch (typeof ${r.expr}) {\n  case 'number':\n    ${push(`'n'`)}\n    break;\n  default:\n    ${push(`typeof ${r.expr}`)}\n}`,
  },
  { needs: ['bare'], emit: (r) => push(`{ ${r.expr}() { return ${r.expr}; } }.${r.expr}()`) },
  {
    needs: ['bare'],
    emit: (r, e) =>
      `{ const ${e.local} = { ${r.expr}: ${r.expr} }; ${push(`${e.local}.${r.expr}`)} }`,
  },
  {
    emit: (r) =>
      push(`(${r.expr} as ${TYPE[r.kind]})`, `${r.expr}!`, `(${r.expr} satisfies unknown)`),
  },
  { emit: (r) => push(`Object.keys({ [typeof ${r.expr}]: 1 })`) },
  {
    needs: ['bare'],
    emit: (r) => push(`{ get ${r.expr}() { return typeof ${r.expr}; } }.${r.expr}`),
  },
];

// A local of the global's name, in every kind of scope: the global must stay untouched.
const shadows = also(
  ['bare'],
  [
    { emit: (r, e) => push(`((${r.expr}: number) => ${r.expr} * 2)(${e.n})`) },
    {
      emit: (r, e) =>
        `function ${e.local}(${r.expr}: number) { ${r.expr} += 1; return ${r.expr}; }\n${push(`${e.local}(${e.n})`)}`,
    },
    // The default is evaluated in the parameter scope, which sees the global, not the body's local.
    {
      emit: (r, e) =>
        `function ${e.local}(x = ${r.expr}) { let ${r.expr} = ${e.n}; ${r.expr}++; return [x, ${r.expr}]; }\n${push(`${e.local}()`)}`,
    },
    {
      emit: (r, e) =>
        `function ${e.local}(x = ${r.expr}) { var ${r.expr} = ${e.n}; return [x, ${r.expr}]; }\n${push(`${e.local}()`)}`,
    },
    {
      emit: (r, e) =>
        push(`(({ ${r.expr} }: { ${r.expr}: number }) => ${r.expr} + 1)({ ${r.expr}: ${e.n} })`),
    },
    { emit: (r, e) => `try { throw ${e.n}; } catch (${r.expr}) { ${push(r.expr)} }` },
    {
      emit: (r, e) =>
        `try { throw { ${r.expr}: ${e.n} }; } catch ({ ${r.expr} }: any) { ${push(r.expr)} }`,
    },
    { emit: (r, e) => `{ let ${r.expr} = ${e.n}; ${r.expr} *= 3; ${push(r.expr)} }` },
    { emit: (r, e) => `{ const ${r.expr} = ${e.n}; ${push(`{ ${r.expr} }`)} }` },
    { emit: (r) => `for (let ${r.expr} = 0; ${r.expr} < 2; ${r.expr}++) ${push(r.expr)}` },
    { emit: (r, e) => `for (const ${r.expr} of [${e.n}, ${e.n + 1}]) ${push(r.expr)}` },
    { emit: (r) => `for (const ${r.expr} in { p: 1, q: 2 }) ${push(r.expr)}` },
    {
      emit: (r, e) =>
        `switch (${e.n}) {\n  case ${e.n}:\n    let ${r.expr} = ${e.n + 1};\n    ${r.expr}++;\n    ${push(r.expr)}\n    break;\n}`,
    },
    {
      emit: (r, e) =>
        `{\n  ${push(`${r.expr}()`)}\n  function ${r.expr}() { return 'inner${e.n}'; }\n}`,
    },
    { emit: (r, e) => `{ class ${r.expr} { static v = ${e.n}; } ${push(`${r.expr}.v`)} }` },
    { emit: (r) => push(`new (class ${r.expr} { w() { return typeof ${r.expr}; } })().w()`) },
    { emit: (r) => push(`(function ${r.expr}() { return typeof ${r.expr}; })()`) },
    {
      emit: (r, e) =>
        push(`(function () { var ${r.expr} = ${e.n}; ${r.expr}++; return ${r.expr}; })()`),
    },
    {
      emit: (r, e) =>
        push(`(function () { for (var ${r.expr} of [${e.n}, ${e.n + 1}]); return ${r.expr}!; })()`),
    },
    { emit: (r, e) => `ctx.keep.push(((${r.expr}: number) => () => ${r.expr})(${e.n}));` },
    // Property names and type positions are names, not references.
    {
      emit: (r, e) =>
        `{ const ${e.local} = { ${r.expr}: ${e.n} }; ${push(`${e.local}.${r.expr}`)} }`,
    },
    { emit: (r, e) => `{ const ${e.local}: typeof ${r.expr} = ${r.expr}; ${push(e.local)} }` },
    // A var anywhere in a function shadows the global in the whole function, before its line too.
    {
      emit: (r, e) =>
        push(
          `(function () { const x = typeof ${r.expr}; { var ${r.expr}: number | undefined = ${e.n}; } return [x, ${r.expr}]; })()`,
        ),
    },
    {
      emit: (r) =>
        push(`(function () { const x = typeof ${r.expr}; function ${r.expr}() {} return x; })()`),
    },
    {
      emit: (r, e) =>
        `{ const { ${r.expr} = ${e.n} } = {} as { ${r.expr}?: number }; ${push(r.expr)} }`,
    },
    {
      emit: (r, e) =>
        `${r.expr}: for (let i = 0; i < 2; i++) { ${push(`i + ${e.n}`)} break ${r.expr}; }`,
    },
    {
      emit: (r, e) =>
        `{ class ${e.local} { #${r.expr} = ${e.n}; get() { return this.#${r.expr}; } } ${push(`new ${e.local}().get()`)} }`,
    },
    {
      emit: (r, e) =>
        `enum ${e.local} { ${r.expr} = ${e.n}, w = ${r.expr} + 1 }\n${push(`${e.local}.w`)}`,
    },
  ],
);

const writes = also(
  ['write'],
  [
    { emit: (r, e) => `${r.expr} = ${value(r.kind, e.n)};` },
    { emit: (r, e) => push(`typeof (${r.expr} = ${value(r.kind, e.n + 1)})`) },
    { emit: (r, e) => `${r.expr} = ${e.peer(r, false).expr};` },
    {
      emit: (r, e) =>
        `[${r.expr}, ${e.peer(r, true).expr}] = [${e.peer(r, true).expr}, ${r.expr}];`,
    },
    {
      emit: (r, e) =>
        `for (${r.expr} of [${value(r.kind, e.n)}, ${value(r.kind, e.n + 2)}]) ${push(`typeof ${r.expr}`)}`,
    },
    { emit: (r, e) => `[${r.expr} = ${value(r.kind, e.n)}] = [] as (${TYPE[r.kind]})[];` },
    { emit: (r, e) => `[, ${r.expr}] = [${value(r.kind, e.n)}, ${value(r.kind, e.n + 1)}];` },
    {
      emit: (r, e) => `({ q: ${r.expr} = ${value(r.kind, e.n)} } = {} as { q?: ${TYPE[r.kind]} });`,
    },
    { emit: (r, e) => `[{ q: ${r.expr} }] = [{ q: ${value(r.kind, e.n)} }];` },
    {
      emit: (r, e) =>
        `{ let ${e.local}: object; ({ q: ${r.expr}, ...${e.local} } = { q: ${value(r.kind, e.n)}, z: ${e.n} }); ${push(e.local)} }`,
    },
    { emit: (r, e) => push(`(${r.expr} = ${value(r.kind, e.n)}, typeof ${r.expr})`) },
    {
      emit: (r, e) =>
        `for ([${r.expr}] of [[${value(r.kind, e.n)}], [${value(r.kind, e.n + 1)}]]) ${push(`typeof ${r.expr}`)}`,
    },
    {
      emit: (r, e) =>
        `for ({ q: ${r.expr} } of [{ q: ${value(r.kind, e.n)} }]) ${push(`typeof ${r.expr}`)}`,
    },
    { emit: (r, e) => `({ ['q']: ${r.expr} } = { q: ${value(r.kind, e.n)} });` },
    { emit: (r, e) => `(${r.expr} as ${TYPE[r.kind]}) = ${value(r.kind, e.n)};` },
    // Shorthand targets, with and without a default: `({ g } = o)`, `({ g = 1 } = {})`.
    { needs: ['bare'], emit: (r, e) => `({ ${r.expr} } = { ${r.expr}: ${value(r.kind, e.n)} });` },
    {
      needs: ['bare'],
      emit: (r, e) =>
        `({ ${r.expr} = ${value(r.kind, e.n)} } = {} as { ${r.expr}?: ${TYPE[r.kind]} });`,
    },
  ],
);

const numeric = also(
  ['write'],
  [
    { emit: (r) => push(`${r.expr}++`) },
    { emit: (r) => push(`++${r.expr}`) },
    { emit: (r) => push(`${r.expr}--`) },
    { emit: (r) => push(`--${r.expr}`) },
    { emit: (r, e) => push(`${r.expr} += ${e.n}`) },
    { emit: (r, e) => push(`${r.expr} -= ${e.n}`, `${r.expr} *= 2`) },
    { emit: (r) => push(`${r.expr} %= 7`, `${r.expr} |= 4`, `${r.expr} <<= 1`) },
    { emit: (r, e) => push(`${r.expr} ||= ${e.n}`) },
    { emit: (r, e) => push(`${r.expr} &&= ${e.n}`) },
    { emit: (r) => push(`${r.expr}++ + ${r.expr}++`) },
    { emit: (r) => push(`[${r.expr}, ${r.expr} = ${r.expr} + 1, ${r.expr}]`) },
    { emit: (r) => `for (let i = 0; i < 3; i++) ${r.expr} += i;` },
    { emit: (r) => push(`(${r.expr} as number)++`, `${r.expr}!--`) },
    { emit: (r, e) => `if (${r.expr} > ${e.n}) ${r.expr} -= ${e.n};\nelse ${r.expr}++;` },
  ],
).map((t): Template => ({ ...t, kinds: ['num'] }));

const byKind: Template[] = [
  { kinds: ['str'], needs: ['write'], emit: (r) => push(`${r.expr} += 'x'`) },
  { kinds: ['str'], needs: ['write'], emit: (r) => push(`${r.expr} ||= 'w'`) },
  {
    kinds: ['str'],
    needs: ['write'],
    emit: (r) => `for (${r.expr} in { p: 1, q: 2 }) ${push(r.expr)}`,
  },
  { kinds: ['str'], needs: ['write'], emit: (r) => `${r.expr} = ${r.expr}.toUpperCase();` },
  { kinds: ['opt'], needs: ['write'], emit: (r, e) => push(`${r.expr} ??= ${e.n}`) },
  { kinds: ['opt'], needs: ['write'], emit: (r, e) => push(`${r.expr} &&= ${e.n + 1}`) },
  { kinds: ['opt'], needs: ['write'], emit: (r) => push(`${r.expr} ||= 7`) },
  { kinds: ['opt'], needs: ['write'], emit: (r) => `${r.expr} = (${r.expr} ?? 0) + 1;` },
  // Contents change through any path, imports included.
  { kinds: ['arr'], emit: (r, e) => push(`${r.expr}.push(${e.n})`) },
  { kinds: ['arr'], emit: (r, e) => `${r.expr}[0] = ${e.n};` },
  { kinds: ['arr'], emit: (r) => push(`${r.expr}.pop()`, `${r.expr}.length`) },
  { kinds: ['arr'], emit: (r, e) => `for (const ${e.local} of ${r.expr}) ${push(e.local)}` },
  { kinds: ['arr'], emit: (r) => `${r.expr}.sort((p, q) => q - p);` },
  {
    kinds: ['arr'],
    emit: (r) => `[${r.expr}[0], ${r.expr}[1]] = [${r.expr}[1] ?? 0, ${r.expr}[0] ?? 0];`,
  },
  { kinds: ['arr'], needs: ['write'], emit: (r, e) => `${r.expr} = [...${r.expr}, ${e.n}];` },
  {
    kinds: ['arr'],
    needs: ['write'],
    emit: (r, e) => `${r.expr} = ${r.expr}.filter((x) => x !== ${e.n});`,
  },
  {
    kinds: ['arr'],
    needs: ['write'],
    emit: (r, e) =>
      `{ let ${e.local}: number; [${e.local}, ...${r.expr}] = [${e.n}, 1, 2]; ${push(e.local)} }`,
  },
  { kinds: ['obj'], emit: (r, e) => `${r.expr}.x = (${r.expr}.x ?? 0) + ${e.n};` },
  {
    kinds: ['obj'],
    emit: (r) =>
      `({ x: ${r.expr}.y, y: ${r.expr}.x } = { x: ${r.expr}.y ?? 0, y: ${r.expr}.x ?? 0 });`,
  },
  { kinds: ['obj'], emit: (r) => `delete ${r.expr}.y;` },
  { kinds: ['obj'], emit: (r, e) => `for (const ${e.local} in ${r.expr}) ${push(e.local)}` },
  { kinds: ['obj'], needs: ['write'], emit: (r, e) => `${r.expr} = { ...${r.expr}, z: ${e.n} };` },
  {
    kinds: ['obj'],
    needs: ['write'],
    emit: (r, e) =>
      `{ let ${e.local}: number; ({ x: ${e.local}, ...${r.expr} } = { x: 1, y: ${e.n}, z: 3 }); ${push(e.local)} }`,
  },
  { kinds: ['map'], emit: (r, e) => push(`${r.expr}.set('k${e.n}', ${e.n}).size`) },
  {
    kinds: ['map'],
    emit: (r, e) => push(`${r.expr}.get('k${e.n}') ?? -1`, `${r.expr}.delete('k0')`),
  },
  {
    kinds: ['map'],
    emit: (r, e) => `for (const [${e.local}, v] of ${r.expr}) ${push(e.local, 'v')}`,
  },
  { kinds: ['map'], needs: ['write'], emit: (r) => `${r.expr} = new Map(${r.expr});` },
  // Calls: `this` is undefined for a plain callee, whatever path leads to it. Through a
  // namespace ESM calls with this = the namespace, rollup's and esbuild's plain bundles with
  // this undefined: such calls pass this explicitly, to keep off that difference between hosts
  // (packages/transform/test/namespace-this.test.ts holds the ESM behaviour).
  {
    kinds: ['fn'],
    emit: (r, e) => push(r.ns ? `${r.expr}.call(undefined, ${e.n})` : `${r.expr}(${e.n})`),
  },
  {
    kinds: ['fn'],
    emit: (r, e) => push(r.ns ? `${r.expr}?.call(undefined, ${e.n})` : `${r.expr}?.(${e.n})`),
  },
  {
    kinds: ['fn'],
    emit: (r, e) => push(r.ns ? `(${r.expr}).call(undefined, ${e.n})` : `(${r.expr})(${e.n})`),
  },
  { kinds: ['fn'], emit: (r, e) => push(`[${e.n}].map(${r.expr})`) },
  { kinds: ['fn'], emit: (r, e) => push(`${r.expr}.call('t', ${e.n})`) },
  // A call starting a statement after one that relies on ASI: `(0, slot)()` must not continue it.
  {
    kinds: ['fn'],
    emit: (r, e) =>
      `const ${e.local} = ${e.n}\n${r.ns ? `${r.expr}.call(undefined, ${e.n})` : `${r.expr}(${e.n})`}\n${push(e.local)}`,
  },
  {
    kinds: ['fn'],
    emit: (r, e) =>
      push(
        `(${r.ns ? `${r.expr}.bind(undefined)` : r.expr} as unknown as (s: TemplateStringsArray) => unknown)\`t${e.n}\``,
      ),
  },
  { needs: ['setter'], emit: (r, e) => `${r.setter}(${value(r.kind, e.n + 3)});` },
  { needs: ['inc'], emit: (r) => push(`${r.inc}`) },
  // The namespace object itself escapes: destructured, indexed, passed on.
  {
    needs: ['ns'],
    emit: (r, e) => `{ const { ${r.ns!.key}: ${e.local} } = ${r.ns!.obj}; ${push(e.local)} }`,
  },
  {
    needs: ['ns'],
    emit: (r, e) =>
      `{ const ${e.local} = '${r.ns!.key}' as const; ${push(`${r.ns!.obj}[${e.local}]`)} }`,
  },
  { needs: ['ns'], emit: (r) => push(`${r.ns!.obj}['${r.ns!.key}']`) },
  {
    needs: ['ns'],
    emit: (r) => push(`((o: typeof ${r.ns!.obj}) => o.${r.ns!.key})(${r.ns!.obj})`),
  },
];

export const TEMPLATES: readonly Template[] = [
  ...reads,
  ...shadows,
  ...writes,
  ...numeric,
  ...byKind,
];

function fits(t: Template, r: Ref): boolean {
  if (t.kinds && !t.kinds.includes(r.kind)) return false;
  const has: Record<Need, boolean> = {
    write: r.writable,
    bare: r.bare,
    setter: !!r.setter,
    ns: !!r.ns,
    inc: !!r.inc,
  };
  return (t.needs ?? []).every((need) => has[need]);
}

/** The `choice`-th template that fits r (choices wrap around, so every integer is valid). */
export function snippet(r: Ref, choice: number, env: Env): string {
  const fitting = TEMPLATES.filter((t) => fits(t, r));
  return fitting[choice % fitting.length]!.emit(r, env);
}
