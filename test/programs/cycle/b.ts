import { read, add } from './a';
import * as a from './a';
// b evaluates before a (main imports a first): its registration comes first and must find the same slot.
export function bump() { add(a.count > 12 ? 1 : 100); return read(); }
export const lateRead = () => a.count;
