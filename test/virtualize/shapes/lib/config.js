// Babel-style output: var, getters and setters over module state, a function reading arguments.
var settings = { theme: 'light' };
var listeners = 0;
export var api = {
  get theme() { return settings.theme; },
  set theme(value) { settings = Object.assign({}, settings, { theme: value }); },
};
export function configure() {
  for (var i = 0; i < arguments.length; i++) settings = Object.assign({}, settings, arguments[i]);
  listeners += arguments.length;
  return listeners;
}
export function current() { return JSON.stringify(settings) + '/' + listeners; }
