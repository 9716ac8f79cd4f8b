class Marked {
  defaults = { gfm: true };
  setOptions(opt: object) {
    this.defaults = { ...this.defaults, ...opt };
    return this;
  }
  parse(src: string) {
    return src;
  }
}
class Helper {
  format(s: string) {
    return s.trim();
  }
}
const instance = new Marked();
const helper = new Helper();
export function setOptions(o: object) {
  instance.setOptions(o);
}
export function fmt(s: string) {
  return helper.format(s);
}
