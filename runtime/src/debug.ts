import { processWide } from './state.js';
import type { Vnet } from './vnet.js';

/** Any function: V8 cuts a captured stack at it. */
type AnyFunction = (...args: never[]) => unknown;

/** One nested vnet switch, reported once per call site (FreeBSD's VNET_DEBUG recursion log). */
export interface NestingRecord {
  site: string;
  from: string;
  to: string;
  count: number;
}

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
const debug = processWide('debug', () => ({
  enabled: env?.VIMAGE_DEBUG === '1' || env?.VIMAGE_DEBUG === 'true',
  records: new Map<string, NestingRecord>(),
  sink: ((message: string) => console.warn(message)) as (message: string) => void,
}));
const { records } = debug;

/**
 * Turns the debug mode on or off (it starts on when VIMAGE_DEBUG=1); `log` replaces console.warn.
 */
export function setVnetDebug(on: boolean, log?: (message: string) => void): void {
  debug.enabled = on;
  if (log) debug.sink = log;
}

export function debugEnabled(): boolean {
  return debug.enabled;
}

/** Every nested switch seen so far, with how often each call site did it (`show vnetrcrs`). */
export function vnetDebugRecords(): NestingRecord[] {
  return [...records.values()].map((r) => ({ ...r }));
}

/** @internal withVnet from one non-default vnet into another. */
export function noteNesting(from: Vnet, to: Vnet, caller: AnyFunction): void {
  const site = callSite(caller);
  const key = `${site}\0${from.name}\0${to.name}`;
  const known = records.get(key);
  if (known) {
    known.count++;
    return;
  }
  records.set(key, { site, from: from.name, to: to.name, count: 1 });
  debug.sink(
    `vimage: nested withVnet from vnet "${from.name}" into vnet "${to.name}" at ${site} ` +
      '(reported once per call site)',
  );
}

function callSite(caller: AnyFunction): string {
  // V8 cuts the stack at `caller`, so its first frame is whoever called withVnet.
  const holder: { stack?: string } = {};
  const capture = (Error as { captureStackTrace?: (o: object, f: AnyFunction) => void })
    .captureStackTrace;
  if (capture) capture(holder, caller);
  else holder.stack = new Error().stack;
  const frame = (holder.stack ?? '').split('\n').find((l) => /^\s+at /.test(l));
  return (frame ?? 'unknown site').trim().replace(/^at /, '');
}
