import { VNET_DEFINE } from '@vimage/runtime';
import { bump } from './b';
export let count = VNET_DEFINE(10);
export function read() { return count; }
export function add(k: number) { count += k; }
export function run() { bump(); bump(); return read(); }
