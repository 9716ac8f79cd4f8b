// A tenant library, built with the plugin. Each step records what ran into the current vnet's
// log; the plain driver (driver.mjs, not built) checks that every tenant sees only its own steps.
import { randomBytes, pbkdf2 } from 'node:crypto';
import { lookup } from 'node:dns';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Readable, Writable, pipeline } from 'node:stream';
import { VNET_DEFINE, curvnet } from '@vimage/runtime';

export let steps = VNET_DEFINE(0);
export const log = VNET_DEFINE<string[]>([]);

// Captured before any vnet exists, as libraries do: must still carry the vnet.
const nativeSetTimeout = setTimeout;
const nativeThen = Promise.prototype.then;

export function record(tag: string): string {
  steps++;
  log.push(tag);
  return `${curvnet().name}:${tag}`;
}

export function snapshot(): string {
  return `${steps} ${log.join(',')}`;
}

export const bus = new EventEmitter();
export const target = new EventTarget();

/** Every continuation kind the contract lists, each recording once it has run. */
export const kinds: Record<string, (tag: string) => Promise<void>> = {
  async await(tag) {
    await null;
    record(tag);
  },
  async rejection(tag) {
    try {
      await Promise.reject(new Error('refused'));
    } catch {
      record(tag);
    }
  },
  async thenable(tag) {
    await { then: (resolve: (v: unknown) => void) => (record(`${tag}.then`), resolve(1)) };
    record(tag);
  },
  then(tag) {
    return Promise.resolve().then(() => void record(tag));
  },
  capturedThen(tag) {
    return new Promise((resolve) => nativeThen.call(Promise.resolve(), () => resolve(void record(tag))));
  },
  timer(tag) {
    return new Promise((resolve) => setTimeout(() => resolve(void record(tag)), 1));
  },
  capturedTimer(tag) {
    return new Promise((resolve) => nativeSetTimeout(() => resolve(void record(tag)), 1));
  },
  async promisifiedTimer(tag) {
    await promisify(setTimeout)(1);
    record(tag);
  },
  immediate(tag) {
    return new Promise((resolve) => setImmediate(() => resolve(void record(tag))));
  },
  nextTick(tag) {
    return new Promise((resolve) => process.nextTick(() => resolve(void record(tag))));
  },
  microtask(tag) {
    return new Promise((resolve) => queueMicrotask(() => resolve(void record(tag))));
  },
  fs(tag) {
    return new Promise((resolve) => readFile(import.meta.filename ?? process.argv[1]!, () => resolve(void record(tag))));
  },
  randomBytes(tag) {
    return new Promise((resolve) => randomBytes(8, () => resolve(void record(tag))));
  },
  pbkdf2(tag) {
    return new Promise((resolve) => pbkdf2('secret', 'salt', 1, 16, 'sha256', () => resolve(void record(tag))));
  },
  dns(tag) {
    return new Promise((resolve) => lookup('localhost', () => resolve(void record(tag))));
  },
  zlib(tag) {
    return new Promise((resolve) => gzip('payload', () => resolve(void record(tag))));
  },
  stream(tag) {
    return new Promise((resolve, reject) => {
      const sink = new Writable({ write: (_chunk, _enc, done) => done() });
      sink.on('finish', () => record(`${tag}.finish`));
      pipeline(Readable.from(['a', 'b']), sink, (error) => (error ? reject(error) : resolve(void record(tag))));
    });
  },
  emitter(tag) {
    // Registered here, emitted later from vnet0 by the driver: runs in the registering vnet.
    return new Promise((resolve) => bus.once(`go:${curvnet().name}`, () => resolve(void record(tag))));
  },
  eventTarget(tag) {
    return new Promise((resolve) => target.addEventListener(`go:${curvnet().name}`, () => resolve(void record(tag)), { once: true }));
  },
  abort(tag) {
    const controller = new AbortController();
    return new Promise((resolve) => {
      controller.signal.onabort = () => resolve(void record(tag));
      setTimeout(() => controller.abort(), 1);
    });
  },
};

/** Touches no virtualized global: must survive fn.toString() and eval, as in the plain build. */
export async function sumLater(values: number[]): Promise<number> {
  let total = 0;
  for (const v of values) total += await Promise.resolve(v);
  return total;
}
