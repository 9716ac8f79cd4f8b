let count = 0;
var last: string | undefined;
let step = 1;
let x: number, y: number;
export function bump(label: string) {
  count += step;
  last = label;
  const step2 = 2;
  let count2 = step2;
  count2++;
  for (x of [1]);
  [y] = [2];
}
export function shadow() {
  let step = 3;
  step = 4;
  return step;
}
