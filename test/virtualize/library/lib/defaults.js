export let defaults = { lang: 'en' };
export function setDefaults(options) {
  defaults = { ...defaults, ...options };
}
