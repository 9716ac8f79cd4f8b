const config = { limits: { max: 1 } };
const table = { rows: [] as number[] };
const flags = { on: false };
export function setMax(n: number) {
  config.limits.max = n;
}
export function add(n: number) {
  table.rows.push(n);
}
export function read() {
  return flags.on && config.limits.max;
}
