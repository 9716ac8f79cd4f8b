import { EventEmitter, once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createVnet, curvnet, vnet0, vnets, withVnet, type Vnet } from '../src/index.js';
import { checkInvariants, defineModule, uniqueModule } from './helpers/checked.js';

afterEach(async () => {
  await sleep(1);
  for (const v of vnets().slice(1)) v.destroy();
  checkInvariants();
});

const names = () => curvnet().name;

describe('continuations keep the vnet they started in', () => {
  it('code after await, in nested async functions', async () => {
    const a = createVnet('a');
    async function inner() {
      await null;
      const x = names();
      await sleep(1);
      return [x, names()];
    }
    const seen = await withVnet(a, async () => {
      const first = names();
      await Promise.resolve();
      const [x, y] = await inner();
      return [first, names(), x, y];
    });
    expect(seen).toEqual(['a', 'a', 'a', 'a']);
    expect(curvnet()).toBe(vnet0);
  });

  it('promise callbacks, timers, immediates, nextTick and queueMicrotask', async () => {
    const a = createVnet('a');
    const seen = await withVnet(a, () => {
      const results: Array<Promise<string>> = [
        Promise.resolve().then(names),
        new Promise((r) => setTimeout(() => r(names()), 1)),
        new Promise((r) => setImmediate(() => r(names()))),
        new Promise((r) => process.nextTick(() => r(names()))),
        new Promise((r) => queueMicrotask(() => r(names()))),
        new Promise((r) => {
          const t = setInterval(() => {
            clearInterval(t);
            r(names());
          }, 1);
        }),
      ];
      return Promise.all(results);
    });
    expect(seen).toEqual(['a', 'a', 'a', 'a', 'a', 'a']);
  });

  it('EventEmitter listeners registered inside run in that vnet whoever emits; removal and once still work', async () => {
    const a = createVnet('a');
    const b = createVnet('b');
    const emitter = new EventEmitter();
    const seen: string[] = [];
    const listener = () => seen.push(`on:${names()}`);
    const onceListener = () => seen.push(`once:${names()}`);
    const onceRemoved = () => seen.push('never');
    withVnet(a, () => {
      emitter.on('ev', listener);
      emitter.once('ev', onceListener);
      emitter.once('ev', onceRemoved);
    });
    emitter.removeListener('ev', onceRemoved);
    withVnet(b, () => emitter.emit('ev'));
    emitter.emit('ev');
    expect(seen).toEqual(['on:a', 'once:a', 'on:a']);
    emitter.off('ev', listener);
    expect(emitter.listenerCount('ev')).toBe(0);
    // Registered in vnet0, a listener runs in the emitter's vnet (FreeBSD event handlers do).
    emitter.on('ev2', () => seen.push(`vnet0-listener:${names()}`));
    withVnet(b, () => emitter.emit('ev2'));
    expect(seen.at(-1)).toBe('vnet0-listener:b');
    const waited = withVnet(a, async () => {
      await once(emitter, 'ready');
      return names();
    });
    withVnet(b, () => emitter.emit('ready'));
    expect(await waited).toBe('a');
  });

  it('stays isolated with 300 vnets interleaved across awaits and timers', async () => {
    const m = defineModule(uniqueModule(), { counter: 0 });
    const tenants = Array.from({ length: 300 }, (_, i) => createVnet(`t${i}`));
    const work = tenants.map((v, i) =>
      withVnet(v, async () => {
        for (let k = 0; k < 5; k++) {
          m.write('counter', (m.read('counter') as number) + i);
          if (k % 2) await sleep(Math.floor(Math.random() * 3));
          else await Promise.resolve();
          if (names() !== v.name) return `${v.name} resumed in ${names()}`;
        }
        return m.read('counter');
      }),
    );
    // Untransformed code resuming after the tenants is back in vnet0.
    const results = await Promise.all(work);
    expect(curvnet()).toBe(vnet0);
    expect(results).toEqual(tenants.map((_, i) => i * 5));
    expect(m.read('counter')).toBe(0);
  });

  it('code that resumes outside any withVnet sees vnet0, not the last tenant', async () => {
    const a = createVnet('a');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inA = withVnet(a, async () => {
      await gate;
      return names();
    });
    release();
    await gate;
    expect(names()).toBe('vnet0');
    expect(await inA).toBe('a');
    expect(names()).toBe('vnet0');
  });

  it('a continuation that outlives its destroyed vnet fails loudly when it touches state', async () => {
    const m = defineModule(uniqueModule(), { x: 1 });
    const a: Vnet = createVnet('a');
    const late = withVnet(a, () => {
      return new Promise((resolve) => {
        setTimeout(() => {
          try {
            resolve(m.read('x'));
          } catch (e) {
            resolve((e as Error).message);
          }
        }, 5);
      });
    });
    // The returned promise is still pending, so destroy must wait.
    expect(() => a.destroy()).toThrow(/in use/);
    const orphan = new Promise((resolve) =>
      withVnet(a, () => {
        setTimeout(() => {
          try {
            resolve(m.read('x'));
          } catch (e) {
            resolve((e as Error).message);
          }
        }, 30);
      }),
    );
    await late;
    await Promise.resolve();
    a.destroy();
    expect(await orphan).toMatch(/vnet "a" was destroyed/);
  });
});
