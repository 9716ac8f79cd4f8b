import { VNET_DEFINE } from '@vimage/runtime';
import { list, fn } from './state';
import * as state from './state';

let n = VNET_DEFINE(1);
/** @vnet */ let label = 'start';
const out: unknown[] = [];
function shadowParam(n: number) { return n * 100; }
function shadowDefault(a = n, b = (() => n)()) { const n = 7; return [a, b, n]; }
const arrow = (list: number[]) => list.length;
function catchShadow() { try { throw 5; } catch (n) { return n; } }
function switchShadow(k: number) {
  switch (k) {
    case 1: { let n = 'case'; return n; }
    default: return n;
  }
}
function loops() {
  let acc = 0;
  for (let n = 0; n < 3; n++) acc += n;
  for (const x of [1, 2]) acc += x * n;
  return acc;
}
function hoisted() { return inner(); function inner() { return typeof n; } }
class Holder { static get() { return n; } }
const early = readLater();
function readLater() { return typeof label; }
const bump = () => ++state.list.length;

out.push(early, shadowParam(3), shadowDefault(), arrow([1, 2]), catchShadow(), switchShadow(1), switchShadow(2), loops(), hoisted(), Holder.get());
out.push(n++, ++n, (n += 10), (n ??= 99), (n ||= 5), (n &&= 4), n);
[n, label] = [n + 1, `${label}!`];
const src: { n: number; extra?: number } = { n: n * 2 };
({ n, extra: n = 3 } = src);
for (n of [40, 41]) out.push(n);
for (label in { a: 1 }) out.push(label);
const obj = { n, label };
out.push(obj, fn(), typeof fn, typeof list);
list.push(1, 2);
out.push(bump(), list, state.n, state['label']);
state.setN(5);
const { n: fromNs, ...rest } = state;
out.push(fromNs, Object.keys(rest).sort());
console.log(JSON.stringify(out));
