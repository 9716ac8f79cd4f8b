import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Built-ins as a program sees them, before and after the runtime loads and a vnet is made:
// nothing changes until the first createVnet(), and after it only the listener methods are
// wrapped, keeping their name, length and aliases.
const probe = `
import { EventEmitter } from 'node:events';
import timers from 'node:timers';
import { promisify } from 'node:util';
const look = () => JSON.stringify({
  timers: [setTimeout === timers.setTimeout, typeof setTimeout[promisify.custom], Promise.prototype.then.name, queueMicrotask.name],
  emitter: [EventEmitter.prototype.on === EventEmitter.prototype.addListener, EventEmitter.prototype.off === EventEmitter.prototype.removeListener,
    EventEmitter.prototype.on.name, EventEmitter.prototype.on.length, EventTarget.prototype.addEventListener.name, EventTarget.prototype.addEventListener.length],
  thenNative: String(Promise.prototype.then).includes('[native code]'),
  timersNative: String(setTimeout) === String(timers.setTimeout),
});
const before = look();
const rt = await import('@vimage/runtime');
rt.withVnet(rt.vnet0, () => new EventEmitter().on('x', () => {}));
await promisify(setTimeout)(1);
const loaded = look();
const wrapped = EventEmitter.prototype.on;
rt.createVnet('t');
const created = look();
console.log(JSON.stringify({ same: before === loaded, before: JSON.parse(before), created: JSON.parse(created), wrapped: wrapped !== EventEmitter.prototype.on }));
`;

describe('built-ins outside vnets', () => {
  it('a program that never creates a vnet is untouched; after createVnet() wrapped listener methods keep name, length and aliases', async () => {
    const cwd = path.resolve(fileURLToPath(import.meta.url), '../..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', probe],
      { cwd },
    );
    const r = JSON.parse(stdout) as {
      same: boolean;
      before: unknown;
      created: { timers: unknown; emitter: unknown; thenNative: boolean; timersNative: boolean };
      wrapped: boolean;
    };
    expect(r.same).toBe(true);
    expect(r.wrapped).toBe(true);
    // Timers and promises are never wrapped: AsyncLocalStorage carries the vnet through them.
    expect(r.created.timers).toEqual((r.before as { timers: unknown }).timers);
    expect(r.created.thenNative).toBe(true);
    expect(r.created.timersNative).toBe(true);
    expect(r.created.emitter).toEqual((r.before as { emitter: unknown }).emitter);
  });
});
