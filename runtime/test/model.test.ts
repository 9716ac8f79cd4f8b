import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVnet, vnet0, vnets, withVnet, type Vnet } from '../src/index.js';
import {
  checkInvariants,
  checkRegistryAfterEveryOperation,
  defineModule,
  uniqueModule,
} from './helpers/checked.js';

/**
 * A plain model of the contract: per vnet, per symbol, a value; reference copies per
 * symbol. Random sequences of register / create / destroy / enter / read / write /
 * mutate run against the runtime and the model, which must agree after every step.
 */
type Value = number | number[];
interface Model {
  vnets: string[];
  values: Map<string, Map<string, Value>>;
  refs: Map<string, Value>;
}
interface Real {
  vnets: Map<string, Vnet>;
  mods: Map<string, ReturnType<typeof defineModule>>;
}

const clone = (v: Value): Value => (Array.isArray(v) ? [...v] : v);
const symbolsOf = (m: Model) => [...m.refs.keys()];

function compare(m: Model, r: Real): void {
  checkInvariants();
  expect(
    vnets()
      .map((v) => v.name)
      .filter((n) => n === 'vnet0' || r.vnets.has(n)),
  ).toEqual(m.vnets);
  for (const name of m.vnets) {
    const v = r.vnets.get(name)!;
    for (const sym of symbolsOf(m)) {
      const [mod, field] = sym.split('#') as [string, string];
      expect(
        withVnet(v, () => r.mods.get(mod)!.read(field)),
        `${sym} in ${name}`,
      ).toEqual(m.values.get(name)!.get(sym));
    }
  }
}

class DefineModule implements fc.Command<Model, Real> {
  constructor(
    readonly inVnet: number,
    readonly a: number,
    readonly b: number[],
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const where = m.vnets[this.inVnet % m.vnets.length]!;
    const mod = uniqueModule('src/model');
    const initial = { a: this.a, b: [...this.b] };
    r.mods.set(
      mod,
      withVnet(r.vnets.get(where)!, () => defineModule(mod, initial)),
    );
    for (const [field, value] of Object.entries(initial)) {
      const sym = `${mod}#${field}`;
      m.refs.set(sym, clone(value));
      for (const name of m.vnets) m.values.get(name)!.set(sym, clone(value));
    }
    compare(m, r);
  }
  toString = () => `define(in ${this.inVnet}, ${this.a}, [${this.b}])`;
}

class Create implements fc.Command<Model, Real> {
  constructor(readonly tag: number) {}
  check = (m: Readonly<Model>) => m.vnets.length < 8;
  run(m: Model, r: Real): void {
    const v = createVnet(`model${this.tag}-${Math.random().toString(36).slice(2, 7)}`);
    r.vnets.set(v.name, v);
    m.vnets.push(v.name);
    m.values.set(v.name, new Map([...m.refs].map(([s, val]) => [s, clone(val)])));
    compare(m, r);
  }
  toString = () => `create(${this.tag})`;
}

class Destroy implements fc.Command<Model, Real> {
  constructor(readonly index: number) {}
  check = (m: Readonly<Model>) => m.vnets.length > 1;
  run(m: Model, r: Real): void {
    const name = m.vnets[1 + (this.index % (m.vnets.length - 1))]!;
    r.vnets.get(name)!.destroy();
    r.vnets.delete(name);
    m.vnets.splice(m.vnets.indexOf(name), 1);
    m.values.delete(name);
    compare(m, r);
  }
  toString = () => `destroy(${this.index})`;
}

class Write implements fc.Command<Model, Real> {
  constructor(
    readonly vnet: number,
    readonly sym: number,
    readonly value: number,
    readonly viaSet: boolean,
  ) {}
  check = (m: Readonly<Model>) => m.refs.size > 0;
  run(m: Model, r: Real): void {
    const name = m.vnets[this.vnet % m.vnets.length]!;
    const sym = symbolsOf(m)[this.sym % m.refs.size]!;
    const [mod, field] = sym.split('#') as [string, string];
    const v = r.vnets.get(name)!;
    const current = m.values.get(name)!.get(sym)!;
    if (Array.isArray(current)) {
      // Mutating in place must not leak into other vnets or the reference copy.
      withVnet(v, () => (r.mods.get(mod)!.read(field) as number[]).push(this.value));
      current.push(this.value);
    } else if (this.viaSet) {
      v.set(sym, this.value);
      m.values.get(name)!.set(sym, this.value);
    } else {
      withVnet(v, () => r.mods.get(mod)!.write(field, this.value));
      m.values.get(name)!.set(sym, this.value);
    }
    compare(m, r);
  }
  toString = () => `write(${this.vnet}, ${this.sym}, ${this.value}, ${this.viaSet})`;
}

describe('runtime against a plain model', () => {
  it('agrees on every randomized register/create/destroy/enter/read/write sequence', () => {
    const restore = checkRegistryAfterEveryOperation();
    const commands = [
      fc
        .tuple(fc.nat(7), fc.integer(), fc.array(fc.integer(), { maxLength: 3 }))
        .map(([i, a, b]) => new DefineModule(i, a, b)),
      fc.nat(1000).map((t) => new Create(t)),
      fc.nat(7).map((i) => new Destroy(i)),
      fc
        .tuple(fc.nat(7), fc.nat(20), fc.integer(), fc.boolean())
        .map(([v, s, x, set]) => new Write(v, s, x, set)),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const real: Real = { vnets: new Map([['vnet0', vnet0]]), mods: new Map() };
        const model: Model = {
          vnets: ['vnet0'],
          values: new Map([['vnet0', new Map()]]),
          refs: new Map(),
        };
        try {
          fc.modelRun(() => ({ model, real }), cmds);
        } finally {
          for (const v of real.vnets.values()) if (v !== vnet0 && v.status === 'live') v.destroy();
        }
      }),
      { numRuns: 150 },
    );
    restore();
  });
});
