// The shape of marked: one module-level instance, changed only through its own methods.
class Marked {
  constructor() {
    this.defaults = { gfm: true, breaks: false };
  }
  setOptions(options) {
    this.defaults = { ...this.defaults, ...options };
    return this;
  }
  parse(src) {
    return `${src}${this.defaults.gfm ? ' [gfm]' : ''}${this.defaults.breaks ? ' [breaks]' : ''}`;
  }
}
const instance = new Marked();
export function setOptions(options) {
  instance.setOptions(options);
}
export function parse(src) {
  return instance.parse(src);
}
