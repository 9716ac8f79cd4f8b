import * as a from './a';
import { level } from './a';

// b evaluates first (main imports a, a imports b): a's globals are not initialised yet.
const probe = (f: () => unknown): string => {
  try {
    return String(f());
  } catch (e) {
    return (e as Error).constructor.name;
  }
};
export const early = [probe(() => level), probe(() => a.limit), probe(() => a.current())];
export const peek = () => level;
