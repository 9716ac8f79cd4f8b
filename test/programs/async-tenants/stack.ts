import { EventEmitter } from 'node:events';
import { VNET_DEFINE, curvnet } from '@vimage/runtime';

export let log = VNET_DEFINE<string[]>([]);
export const bus = new EventEmitter();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const here = () => curvnet().name;

async function* packets(n: number) {
  for (let i = 0; i < n; i++) {
    await sleep(i % 2);
    yield `${here()}#${i}`;
  }
}

async function deep(level: number): Promise<string> {
  if (level === 0) {
    await null;
    return here();
  }
  const inner = await deep(level - 1);
  await Promise.resolve();
  return inner === here() ? inner : `${inner}!=${here()}`;
}

export async function tenant(id: number) {
  log.push(`start ${here()}`);
  await sleep(id % 3);
  log.push(`deep ${await deep(3)}`);
  for await (const p of packets(3)) log.push(`pkt ${p}`);
  const viaThen = await new Promise<string>((resolve) => Promise.resolve().then(() => resolve(here())));
  const viaTick = await new Promise<string>((resolve) => process.nextTick(() => resolve(here())));
  const viaImmediate = await new Promise<string>((resolve) => setImmediate(() => resolve(here())));
  const viaMicrotask = await new Promise<string>((resolve) => queueMicrotask(() => resolve(here())));
  log.push(`callbacks ${[viaThen, viaTick, viaImmediate, viaMicrotask].join(',')}`);
  bus.on(`ping${id}`, () => log.push(`event in ${here()}`));
  return log.length;
}
