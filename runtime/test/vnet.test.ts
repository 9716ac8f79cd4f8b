import { describe, expect, it } from 'vitest';
import {
  curvnet,
  vnet0,
  vnets,
  withVnet,
  Vnet,
  type VimageError,
  Vnet0DestroyError,
  VnetDestroyedError,
  VnetInUseError,
  UnknownSymbolError,
  VimageArgumentError,
} from '../src/index.js';
import { checkInvariants, defineModule, uniqueModule, vnetsPerTest } from './helpers/checked.js';

const make = vnetsPerTest();

describe('vnet0 and curvnet', () => {
  it('vnet0 is current when no other vnet is', () => {
    expect(curvnet()).toBe(vnet0);
    expect(vnet0.name).toBe('vnet0');
    expect(vnets()[0]).toBe(vnet0);
  });

  it('createVnet names vnets and lists them after vnet0 in creation order', () => {
    const a = make('a');
    const b = make();
    expect(a.name).toBe('a');
    expect(b.name).toMatch(/^vnet\d+$/);
    expect(vnets()).toEqual([vnet0, a, b]);
    checkInvariants();
  });

  it('vnets cannot be constructed directly', () => {
    expect(() => new (Vnet as unknown as new (...a: unknown[]) => Vnet)(Symbol(), 'x', [])).toThrow(
      VimageArgumentError,
    );
  });
});

describe('withVnet', () => {
  it('switches curvnet for the call and restores it after, also on throw', () => {
    const a = make('a');
    expect(withVnet(a, () => curvnet())).toBe(a);
    expect(curvnet()).toBe(vnet0);
    expect(() =>
      withVnet(a, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(curvnet()).toBe(vnet0);
    checkInvariants();
  });

  it('nests and unwinds in order', () => {
    const a = make('a');
    const b = make('b');
    const seen: string[] = [];
    withVnet(a, () => {
      seen.push(curvnet().name);
      withVnet(b, () => {
        seen.push(curvnet().name);
        withVnet(vnet0, () => seen.push(curvnet().name));
        seen.push(curvnet().name);
      });
      seen.push(curvnet().name);
    });
    expect(seen).toEqual(['a', 'b', 'vnet0', 'b', 'a']);
  });

  it('rejects what is not a vnet or not a function, with VimageArgumentError', () => {
    expect(() => withVnet({} as Vnet, () => 1)).toThrow(VimageArgumentError);
    expect(() => withVnet(vnet0, 42 as unknown as () => void)).toThrow(/fn must be a function/);
  });

  it('gives each vnet its own copy of a virtualized global', () => {
    const m = defineModule(uniqueModule(), { counter: 0 });
    const a = make('a');
    const b = make('b');
    withVnet(a, () => m.write('counter', 5));
    withVnet(b, () => m.write('counter', (m.read('counter') as number) + 1));
    expect(withVnet(a, () => m.read('counter'))).toBe(5);
    expect(withVnet(b, () => m.read('counter'))).toBe(1);
    expect(m.read('counter')).toBe(0);
    checkInvariants();
  });
});

describe('bind', () => {
  it('runs the function in the vnet it was bound to, with this and arguments', () => {
    const a = make('a');
    const bound = a.bind(function (this: { k: number }, x: number) {
      return [curvnet().name, this.k + x];
    });
    expect(bound.call({ k: 1 }, 2)).toEqual(['a', 3]);
    expect(curvnet()).toBe(vnet0);
  });
});

describe('get, set, snapshot', () => {
  it('reads and writes one vnet by symbol without entering it', () => {
    const mod = uniqueModule('src/net/tcp');
    const m = defineModule(mod, { tcp_sendspace: 32768, tcbinfo: new Map([[1, 'tcb']]) });
    const a = make('a');
    a.set(`${mod}#tcp_sendspace`, 65536);
    expect(a.get(`${mod}#tcp_sendspace`)).toBe(65536);
    expect(vnet0.get(`${mod}#tcp_sendspace`)).toBe(32768);
    expect(withVnet(a, () => m.read('tcp_sendspace'))).toBe(65536);
    const snap = a.snapshot();
    expect(snap[`${mod}#tcp_sendspace`]).toBe(65536);
    expect(snap[`${mod}#tcbinfo`]).toEqual(new Map([[1, 'tcb']]));
    // A snapshot is a copy: changing it changes nothing in the vnet.
    (snap[`${mod}#tcbinfo`] as Map<number, string>).clear();
    expect((a.get(`${mod}#tcbinfo`) as Map<number, string>).size).toBe(1);
  });

  it('throws UnknownSymbolError for a symbol no module defines, suggesting near names', () => {
    const mod = uniqueModule('src/net/udp');
    defineModule(mod, { udp_blackhole: false });
    const err = (() => {
      try {
        vnet0.get('src/net/UDP.ts#udp_blackhole');
      } catch (e) {
        return e as UnknownSymbolError;
      }
    })();
    expect(err).toBeInstanceOf(UnknownSymbolError);
    expect(err?.code).toBe('VIMAGE_UNKNOWN_SYMBOL');
    expect(err?.message).toContain(`"${mod}#udp_blackhole"`);
    expect(() => vnet0.set('nope#x', 1)).toThrow(UnknownSymbolError);
  });
});

describe('destroy', () => {
  it('refuses vnet0', () => {
    expect(() => vnet0.destroy()).toThrow(Vnet0DestroyError);
    try {
      vnet0.destroy();
    } catch (e) {
      expect((e as VimageError).code).toBe('VIMAGE_DESTROY_VNET0');
    }
  });

  it('refuses the current vnet and one inside an unfinished withVnet', async () => {
    const a = make('a');
    expect(() => withVnet(a, () => a.destroy())).toThrow(VnetInUseError);
    let release!: () => void;
    const pending = withVnet(a, () => new Promise<void>((r) => (release = r)));
    expect(() => a.destroy()).toThrow(/has not finished/);
    release();
    await pending;
    await Promise.resolve();
    a.destroy();
    expect(a.status).toBe('dead');
  });

  it('refuses a vnet whose withVnet promise rejected only until it settles', async () => {
    const a = make('a');
    const p = withVnet(a, async () => {
      await null;
      throw new Error('late');
    });
    expect(() => a.destroy()).toThrow(VnetInUseError);
    await expect(p).rejects.toThrow('late');
    await Promise.resolve();
    expect(() => a.destroy()).not.toThrow();
  });

  it('makes every later use of the vnet throw VnetDestroyedError', () => {
    const mod = uniqueModule();
    const m = defineModule(mod, { x: 1 });
    const a = make('a');
    const bound = a.bind(() => m.read('x'));
    a.destroy();
    expect(vnets()).not.toContain(a);
    expect(() => withVnet(a, () => 1)).toThrow(VnetDestroyedError);
    expect(() => bound()).toThrow(VnetDestroyedError);
    expect(() => a.get(`${mod}#x`)).toThrow(VnetDestroyedError);
    expect(() => a.set(`${mod}#x`, 2)).toThrow(VnetDestroyedError);
    expect(() => a.snapshot()).toThrow(VnetDestroyedError);
    expect(() => a.destroy()).toThrow(VnetDestroyedError);
    // Its storage is poisoned, so a stray continuation cannot read stale state silently.
    expect(() => (a as unknown as { slots: unknown[] }).slots[0]).toThrow(/destroyed/);
    checkInvariants();
  });
});
