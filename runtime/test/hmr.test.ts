import { afterEach, describe, expect, it } from 'vitest';
import {
  __vimage,
  createVnet,
  curvnet,
  linkerSet,
  vnet0,
  vnets,
  VNET_SYSINIT,
  VNET_SYSUNINIT,
  UnknownSymbolError,
  VimageArgumentError,
  withVnet,
} from '../src/index.js';
import { sysinits, sysuninits } from '../src/sysinit.js';
import { checkInvariants, defineModule, uniqueModule } from './helpers/checked.js';

afterEach(() => {
  for (const v of vnets().slice(1)) v.destroy();
  sysinits.length = 0;
  sysuninits.length = 0;
  checkInvariants();
});

/** What a VIMAGE-on module with a counter, a list and a SYSINIT/SYSUNINIT pair does when evaluated. */
function loadModule(module: string, version: number, log: string[]) {
  const m = defineModule(module, { count: version * 10, list: [] as string[] });
  VNET_SYSINIT(
    () => (m.read('list') as string[]).push(`v${version} init in ${curvnet().name}`),
    0,
    module,
  );
  VNET_SYSUNINIT(() => log.push(`v${version} uninit in ${curvnet().name}`), 0, module);
  return m;
}

describe('__vimage.unload (a hot update of one module)', () => {
  it('keeps the slots of a module that registers again: none duplicated, none leaked', () => {
    const module = uniqueModule();
    const first = loadModule(module, 1, []);
    const before = linkerSet().length;
    __vimage.unload(module);
    const second = loadModule(module, 2, []);
    expect(second.slots).toEqual(first.slots);
    expect(linkerSet().length).toBe(before);
  });

  it('runs the old SYSUNINITs in every live vnet, then the new version gives each fresh values and runs its SYSINITs', () => {
    const module = uniqueModule();
    const log: string[] = [];
    const old = loadModule(module, 1, log);
    const a = createVnet('a');
    const b = createVnet('b');
    withVnet(a, () => old.write('count', 99));
    __vimage.unload(module);
    expect(log).toEqual(['v1 uninit in vnet0', 'v1 uninit in a', 'v1 uninit in b']);
    // Between dispose and the new evaluation nothing of the old state is left in any vnet.
    for (const v of vnets()) expect(withVnet(v, () => old.read('count'))).toBeUndefined();
    const next = loadModule(module, 2, log);
    for (const v of [vnet0, a, b]) {
      expect(withVnet(v, () => next.read('count'))).toBe(20);
      expect(withVnet(v, () => next.read('list'))).toEqual([`v2 init in ${v.name}`]);
    }
    // One handler per kind is registered for the module, not one per version.
    expect(sysinits.filter((h) => h.module === module)).toHaveLength(1);
    expect(sysuninits.filter((h) => h.module === module)).toHaveLength(1);
    const c = createVnet('c');
    expect(withVnet(c, () => next.read('list'))).toEqual(['v2 init in c']);
    log.length = 0;
    c.destroy();
    expect(log).toEqual(['v2 uninit in c']);
  });

  it("runs several SYSUNINITs of the module descending by order, and keeps other modules' handlers", () => {
    const module = uniqueModule();
    const other = uniqueModule();
    const log: string[] = [];
    VNET_SYSUNINIT(() => log.push('10'), 10, module);
    VNET_SYSUNINIT(() => log.push('20'), 20, module);
    VNET_SYSUNINIT(() => log.push('other'), 15, other);
    VNET_SYSINIT(() => {}, 0, other);
    __vimage.unload(module);
    expect(log).toEqual(['20', '10']);
    expect(sysuninits.map((h) => h.module)).toEqual([other]);
    expect(sysinits.map((h) => h.module)).toEqual([other]);
  });

  it('finishes unloading when a SYSUNINIT throws, then reports the first error', () => {
    const module = uniqueModule();
    const m = defineModule(module, { n: 1 });
    VNET_SYSUNINIT(
      () => {
        throw new Error('busy');
      },
      0,
      module,
    );
    createVnet('a');
    expect(() => __vimage.unload(module)).toThrow(
      expect.objectContaining({
        code: 'VIMAGE_SYSUNINIT_FAILED',
        module,
        message: expect.stringContaining(
          `in vnet "vnet0" (and 1 more handler) while unloading ${module}; the other handlers still ran and the module is unloaded: busy`,
        ),
      }),
    );
    expect(sysuninits).toHaveLength(0);
    expect(m.read('n')).toBeUndefined();
  });

  it('unloads a module that is evaluated again with no unload before it (ssrLoadModule, vi.resetModules)', () => {
    const module = uniqueModule();
    const log: string[] = [];
    loadModule(module, 1, log);
    const a = createVnet('a');
    const next = loadModule(module, 2, log);
    expect(log).toEqual(['v1 uninit in vnet0', 'v1 uninit in a']);
    expect(withVnet(a, () => next.read('list'))).toEqual(['v2 init in a']);
    expect(sysinits.filter((h) => h.module === module)).toHaveLength(1);
    expect(sysuninits.filter((h) => h.module === module)).toHaveLength(1);
  });

  it('is a no-op for a module that never registered, and refuses a non-string', () => {
    expect(() => __vimage.unload(uniqueModule())).not.toThrow();
    expect(() => __vimage.unload(42 as never)).toThrow(VimageArgumentError);
  });

  it('keeps the slot of a global the new version no longer defines reserved and empty', () => {
    const module = uniqueModule();
    const old = defineModule(module, { gone: [1, 2, 3], kept: 1 });
    const a = createVnet('a');
    __vimage.unload(module);
    defineModule(module, { kept: 2 });
    for (const v of [vnet0, a]) expect(withVnet(v, () => old.read('gone'))).toBeUndefined();
    expect(() => vnet0.get(`${module}#gone`)).toThrow(UnknownSymbolError);
    expect(linkerSet().find((r) => r.symbol === `${module}#gone`)?.module).toBeUndefined();
  });
});
