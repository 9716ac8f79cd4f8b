let { a, b } = { a: 1, b: 2 };
var n = 1;
var n = 2;
if (a) {
  var inner = 0;
}
export function f() {
  a = b;
  inner++;
  return n;
}
