// A library bundle's public entry: what it exports is read by code the plugin does not build.
export { defaults, setDefaults } from './lib/defaults.js';
export let calls = 0;
export function count(): number {
  return ++calls;
}
export const version = '1.0';
