// The shape of dayjs: a function holds the locale table, set at import time.
let L = 'en';
const Ls = {};
Ls[L] = { name: 'en' };
const dayjs = function () {
  return L;
};
dayjs.locale = function (name, object) {
  if (object) Ls[name] = object;
  L = name;
  return L;
};
dayjs.Ls = Ls;
export default dayjs;
export function setFormat(format) {
  dayjs.format = format;
}
