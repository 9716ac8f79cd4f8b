const list = [1, 2];
const index = new Map<string, number>();
const seen = new Set<string>();
const label = 'x';
const helpers = { fmt(s: string) { return s + label; }, twice: (n: number) => n * 2, double };
var hasOwn = Object.prototype.hasOwnProperty;
var objectProto = Object.prototype;
function double(n: number) { return n * 2; }
export function use(o: object, k: string) {
  return [list.map(String), list.includes(1), index.get(k), seen.has(k), label.toUpperCase(),
    helpers.fmt(k), helpers.twice(2), helpers.double(3), hasOwn.call(o, k),
    objectProto.toString.call(o), list.hasOwnProperty('0')];
}
