import { afterEach, describe, expect, it } from 'vitest';
import {
  createVnet,
  curvnet,
  SysinitError,
  SysuninitError,
  UnknownSymbolError,
  vnet0,
  vnets,
  VNET_SYSINIT,
  VNET_SYSUNINIT,
  VimageArgumentError,
  withVnet,
  type Vnet,
} from '../src/index.js';
import { sysinits, sysuninits } from '../src/sysinit.js';
import { checkInvariants, defineModule, uniqueModule } from './helpers/checked.js';

afterEach(() => {
  for (const v of vnets().slice(1)) v.destroy();
  sysinits.length = 0;
  sysuninits.length = 0;
  checkInvariants();
});

describe('VNET_SYSINIT', () => {
  it('runs at once in every live vnet, vnet0 first, each with curvnet set', () => {
    const _a = createVnet('a');
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
    expect(error?.vnet).toBe('bad');
    expect(log).toEqual(['init 10', 'uninit 10']);
    expect(vnets().length).toBe(before);
  });

  it('names the module of the handler that threw while creating a vnet', () => {
    const module = uniqueModule();
    VNET_SYSINIT(
      () => {
        if (curvnet() !== vnet0) throw new Error('no table');
      },
      0,
      module,
    );
    const error = catchError(() => createVnet('t'));
    expect(error).toBeInstanceOf(SysinitError);
    expect((error as SysinitError).module).toBe(module);
    expect((error as Error).message).toMatch(
      new RegExp(`handler of ${module} threw while creating vnet "t"; the vnet was torn down`),
    );
  });

  it('in a module loaded after vnets exist: a throwing handler unloads the module and reports SysinitError; every vnet stays live', () => {
    const a = createVnet('a');
    const b = createVnet('b');
    const module = uniqueModule('src/late');
    const log: string[] = [];
    // What the late module's top-level code does, evaluated inside withVnet(a, () => import(...)).
    const error = withVnet(a, () =>
      catchError(() => {
        const m = defineModule(module, { table: [] as string[] });
        VNET_SYSUNINIT(() => log.push(`uninit@${curvnet().name}`), 0, module);
        VNET_SYSINIT(() => log.push(`first@${curvnet().name}`), 0, module);
        VNET_SYSINIT(
          () => {
            (m.read('table') as string[]).push(curvnet().name);
            if (curvnet() === b) throw new Error('b has no route table');
          },
          1,
          module,
        );
      }),
    );
    expect(error).toBeInstanceOf(SysinitError);
    const e = error as SysinitError;
    expect(e.code).toBe('VIMAGE_SYSINIT_FAILED');
    expect([e.vnet, e.module]).toEqual(['b', module]);
    expect(e.message).toContain(
      `threw in vnet "b" while ${module} was loaded after vnets existed; the module was unloaded and every vnet stays live: b has no route table`,
    );
    expect((e.cause as Error).message).toBe('b has no route table');
    // Its SYSUNINITs ran in every live vnet, its handlers are gone, its globals freed.
    expect(log).toEqual([
      'first@vnet0',
      'first@a',
      'first@b',
      'uninit@vnet0',
      'uninit@a',
      'uninit@b',
    ]);
    expect(sysinits.some((h) => h.module === module)).toBe(false);
    expect(sysuninits.some((h) => h.module === module)).toBe(false);
    expect(() => a.get(`${module}#table`)).toThrow(UnknownSymbolError);
    expect(vnets()).toEqual([vnet0, a, b]);
    // A new vnet runs none of the failed module's handlers.
    log.length = 0;
    createVnet('c');
    expect(log).toEqual([]);
  });

  it("while only vnet0 exists (boot): the handler's own error, as the VIMAGE-off build throws, and the handler is not kept", () => {
    const boom = new Error('boot failure');
    expect(() =>
      VNET_SYSINIT(() => {
        throw boom;
      }),
    ).toThrow(boom);
    expect(sysinits).toHaveLength(0);
    expect(() => createVnet('after')).not.toThrow();
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

  it('a throwing handler makes destroy throw SysuninitError after every other handler ran; the vnet is dead', () => {
    const module = uniqueModule();
    const ran: string[] = [];
    VNET_SYSUNINIT(() => ran.push('last'), 0);
    VNET_SYSUNINIT(
      () => {
        throw new Error('socket busy');
      },
      10,
      module,
    );
    VNET_SYSUNINIT(() => {
      throw new Error('second');
    }, 5);
    VNET_SYSUNINIT(() => ran.push('first'), 20);
    const v = createVnet('tenant');
    const error = catchError(() => v.destroy());
    expect(error).toBeInstanceOf(SysuninitError);
    const e = error as SysuninitError;
    expect(e.code).toBe('VIMAGE_SYSUNINIT_FAILED');
    expect([e.vnet, e.module, (e.cause as Error).message]).toEqual([
      'tenant',
      module,
      'socket busy',
    ]);
    expect(e.message).toBe(
      `a VNET_SYSUNINIT handler of ${module} threw in vnet "tenant" (and 1 more handler) while destroying it; the other handlers still ran and the vnet is destroyed: socket busy`,
    );
    expect(ran).toEqual(['first', 'last']);
    expect(v.status).toBe('dead');
    expect(vnets()).not.toContain(v);
    expect(() => withVnet(v, () => 0)).toThrow(/was destroyed/);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
