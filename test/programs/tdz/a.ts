import { VNET_DEFINE } from '@vimage/runtime';
import { peek } from './b';

const seen: string[] = [];
const attempt = (what: string, f: () => unknown) => {
  try {
    seen.push(`${what}=${String(f())}`);
  } catch (e) {
    seen.push(`${what}:${(e as Error).constructor.name}`);
  }
};
attempt('read', () => level);
attempt('typeof', () => typeof level);
attempt('write', () => (level = 3));
attempt('update', () => level++);
attempt('hoisted', () => current());
attempt('const', () => limit);

export let level = VNET_DEFINE(1);
export const limit = VNET_DEFINE(level + 9);
export function current(): number {
  return level;
}
attempt('after', () => current() + limit);
export const report = () => [...seen, `peek=${peek()}`];
