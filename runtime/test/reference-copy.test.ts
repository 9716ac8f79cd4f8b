import { describe, expect, it } from 'vitest';
import { __vimage, linkerSet, VNET_SYSINIT, vnet0, withVnet } from '../src/index.js';
import { checkInvariants, defineModule, uniqueModule, vnetsPerTest } from './helpers/checked.js';

const make = vnetsPerTest();

describe('reference copies of marked globals (the kernel rule)', () => {
  it('takes the reference copy at declaration; later top-level writes act on vnet0 only', () => {
    const m = defineModule(uniqueModule(), { sendspace: 32768, table: { hosts: ['a'] } });
    // The module's later top-level code runs in vnet0, not on the reference copy.
    m.write('sendspace', 1);
    (m.read('table') as { hosts: string[] }).hosts.push('b');
    const a = make('a');
    expect(withVnet(a, () => m.read('sendspace'))).toBe(32768);
    expect(withVnet(a, () => m.read('table'))).toEqual({ hosts: ['a'] });
    expect(m.read('sendspace')).toBe(1);
    expect(m.read('table')).toEqual({ hosts: ['a', 'b'] });
  });

  it('vnet0 holds the initializer value itself; new vnets hold copies', () => {
    const obj = { n: 1 };
    const m = defineModule(uniqueModule(), { obj });
    expect(m.read('obj')).toBe(obj);
    const a = make('a');
    const b = make('b');
    const inA = withVnet(a, () => m.read('obj'));
    const inB = withVnet(b, () => m.read('obj'));
    expect(inA).toEqual(obj);
    expect(inA).not.toBe(obj);
    expect(inA).not.toBe(inB);
  });

  it('reports each slot in the linker set with its module and copy kind', () => {
    const mod = uniqueModule('src/net/if');
    defineModule(mod, { ifnet: [], if_index: 0, if_hook: () => 1 });
    const rows = linkerSet().filter((r) => r.module === mod);
    expect(rows.map((r) => [r.symbol, r.copy, r.origin])).toEqual([
      [`${mod}#ifnet`, 'deep', 'marked'],
      [`${mod}#if_index`, 'primitive', 'marked'],
      [`${mod}#if_hook`, 'shared', 'marked'],
    ]);
  });
});

describe('modules evaluated after vnets exist', () => {
  it('give every live vnet a slot: the current vnet the value, others a copy; their SYSINITs run in each', () => {
    const a = make('a');
    const b = make('b');
    const mod = uniqueModule('src/late');
    const ran: string[] = [];
    const initial = { list: [1] };
    let m!: ReturnType<typeof defineModule>;
    // The module is imported from inside vnet a (a dynamic import inside withVnet).
    withVnet(a, () => {
      m = defineModule(mod, { state: initial });
      VNET_SYSINIT(() => {
        ran.push((m.read('state') as { list: number[] }) === initial ? 'same' : 'copy');
      });
    });
    checkInvariants();
    expect(withVnet(a, () => m.read('state'))).toBe(initial);
    expect(withVnet(b, () => m.read('state'))).toEqual(initial);
    expect(withVnet(b, () => m.read('state'))).not.toBe(initial);
    expect(m.read('state')).toEqual(initial);
    expect(m.read('state')).not.toBe(initial);
    // vnet0 first, then a (holding the value itself), then b.
    expect(ran).toEqual(['copy', 'same', 'copy']);
  });

  it('a reference before the definition (an import cycle) gets the same slot', () => {
    const mod = uniqueModule('src/cyc');
    const importer = defineModule(uniqueModule('src/importer'), {}, [`${mod}#x`]);
    const definer = defineModule(mod, { x: 7 });
    expect(importer.slots[0]).toBe(definer.slots[0]);
    expect(importer.read(`${mod}#x`)).toBe(7);
  });
});

describe('automatically virtualized globals', () => {
  it('take their reference copy from vnet0 at boot end, including changes made by other modules at import time', () => {
    const mod = uniqueModule('node_modules/lib/index');
    const [slot] = __vimage.register(mod, true, ['registry'], []);
    const reg = __vimage.defineAuto(slot!, ['en']);
    // Another module's top-level code registers a locale while the program boots.
    (__vimage.c[slot!] as string[]).push('fr');
    __vimage.seal([slot!]);
    const a = make('a');
    expect(withVnet(a, () => __vimage.c[slot!])).toEqual(['en', 'fr']);
    expect(withVnet(a, () => __vimage.c[slot!])).not.toBe(reg);
    expect(linkerSet().find((r) => r.slot === slot)?.origin).toBe('auto');
  });

  it('in a module evaluated after boot, take it at the end of that module', () => {
    make('boot-ended');
    const a = make('a');
    const mod = uniqueModule('node_modules/late/index');
    const [slot] = __vimage.register(mod, true, ['n'], []);
    __vimage.defineAuto(slot!, 1);
    __vimage.c[slot!] = 2; // still the module's own top-level code
    __vimage.seal([slot!]);
    expect(withVnet(a, () => __vimage.c[slot!])).toBe(2);
    expect(vnet0.get(`${mod}#n`)).toBe(2);
  });
});
