import { afterEach, describe, expect, it } from 'vitest';
import { createVnet, curvnet, SysinitError, vnets, VNET_SYSINIT, VNET_SYSUNINIT, VimageArgumentError, type Vnet } from '../src/index.js';
import { sysinits, sysuninits } from '../src/sysinit.js';
import { checkInvariants } from './helpers/checked.js';

afterEach(() => {
  for (const v of vnets().slice(1)) v.destroy();
  sysinits.length = 0;
  sysuninits.length = 0;
  checkInvariants();
});

describe('VNET_SYSINIT', () => {
  it('runs at once in every live vnet, vnet0 first, each with curvnet set', () => {
    const a = createVnet('a');
    const seen: string[] = [];
    VNET_SYSINIT(() => seen.push(curvnet().name));
    expect(seen).toEqual(['vnet0', 'a']);
  });

  it('runs in a new vnet ascending by order, registration order among equals', () => {
    const seen: string[] = [];
    VNET_SYSINIT(() => seen.push('b100'), 100);
    VNET_SYSINIT(() => seen.push('a0'));
    VNET_SYSINIT(() => seen.push('c100'), 100);
    VNET_SYSINIT(() => seen.push('d-5'), -5);
    // At registration they ran in vnet0 in registration order, as the VIMAGE-off build does.
    expect(seen.splice(0)).toEqual(['b100', 'a0', 'c100', 'd-5']);
    const v = createVnet('n');
    expect(seen).toEqual(['d-5', 'a0', 'b100', 'c100']);
    expect(vnets()).toContain(v);
  });

  it('runs before the vnet joins the list (vnet_alloc links it last)', () => {
    let listed: boolean | undefined;
    VNET_SYSINIT(() => {
      if (curvnet().name === 'fresh') listed = vnets().includes(curvnet());
    });
    createVnet('fresh');
    expect(listed).toBe(false);
  });

  it('a throwing handler aborts creation, undoes the levels that ran, and reports SysinitError', () => {
    const log: string[] = [];
    VNET_SYSINIT(() => log.push('init 10'), 10);
    VNET_SYSUNINIT(() => log.push('uninit 10'), 10);
    VNET_SYSUNINIT(() => log.push('uninit 30'), 30);
    VNET_SYSINIT(() => {
      if (curvnet().name === 'bad') throw new Error('no memory');
    }, 20);
    log.length = 0;
    const before = vnets().length;
    let error: SysinitError | undefined;
    try {
      createVnet('bad');
    } catch (e) {
      error = e as SysinitError;
    }
    expect(error).toBeInstanceOf(SysinitError);
    expect(error?.code).toBe('VIMAGE_SYSINIT_FAILED');
    expect(error?.message).toContain('no memory');
    expect(log).toEqual(['init 10', 'uninit 10']);
    expect(vnets().length).toBe(before);
  });

  it('rejects a handler that is not a function or an order that is not a number', () => {
    expect(() => VNET_SYSINIT(1 as unknown as () => void)).toThrow(VimageArgumentError);
    expect(() => VNET_SYSINIT(() => {}, Number.NaN)).toThrow(/order must be a number/);
  });
});

describe('VNET_SYSUNINIT', () => {
  it('does not run at registration, and runs in the vnet being destroyed, descending by order, reverse registration among equals', () => {
    const seen: string[] = [];
    const note = (tag: string) => () => seen.push(`${tag}@${curvnet().name}`);
    VNET_SYSUNINIT(note('a0'));
    VNET_SYSUNINIT(note('b100'), 100);
    VNET_SYSUNINIT(note('c0'));
    VNET_SYSUNINIT(note('d100'), 100);
    expect(seen).toEqual([]);
    const v: Vnet = createVnet('dying');
    v.destroy();
    expect(seen).toEqual(['d100@dying', 'b100@dying', 'c0@dying', 'a0@dying']);
  });

  it('destroy unlinks the vnet before its handlers run, and still finishes when one throws', () => {
    let listed: boolean | undefined;
    VNET_SYSUNINIT(() => {
      throw new Error('uninit failed');
    }, 5);
    VNET_SYSUNINIT(() => {
      listed = vnets().includes(curvnet());
    }, 1);
    const v = createVnet('x');
    expect(() => v.destroy()).toThrow('uninit failed');
    expect(listed).toBe(false);
    expect(v.status).toBe('dead');
  });
});
