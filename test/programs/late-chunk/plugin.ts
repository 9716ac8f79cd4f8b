import { VNET_DEFINE, VNET_SYSINIT, curvnet } from '@vimage/runtime';
export const rules = VNET_DEFINE<string[]>(['default deny']);
export let loadedIn = VNET_DEFINE('?');
loadedIn = curvnet().name;
VNET_SYSINIT(() => {
  rules.push(`sysinit in ${curvnet().name}`);
});
export function ruleset() { return `${loadedIn}|${rules.join(',')}`; }
