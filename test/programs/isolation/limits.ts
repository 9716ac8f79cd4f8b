import { VNET_DEFINE, VNET_SYSINIT, curvnet } from '@vimage/runtime';
export let requests = VNET_DEFINE(0);
export const seen = VNET_DEFINE(new Set<string>());
export let owner = VNET_DEFINE('none');
VNET_SYSINIT(() => {
  owner = curvnet().name;
});
export async function handle(path: string) {
  requests++;
  const mine = requests;
  await new Promise((r) => setTimeout(r, (mine * 3) % 4)); // interleaves tenants, deterministically
  seen.add(path);
  await Promise.resolve();
  return `${owner}:${requests}:${seen.size}`;
}
