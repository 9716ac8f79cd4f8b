export let opts = { lang: 'en' };
export function setLang(lang) {
  opts = { ...opts, lang };
}
