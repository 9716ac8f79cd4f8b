import { createVnet, withVnet, vnets, type SysinitError } from '@vimage/runtime';
const a = createVnet('a');
const b = createVnet('b');
try {
  await withVnet(a, () => import('./plugin'));
} catch (error) {
  const e = error as SysinitError;
  // Built with VIMAGE off, the late module itself is refused (VimageOffError): let it through.
  if (e.code !== 'VIMAGE_SYSINIT_FAILED') throw e;
  console.log(e.name, e.code, e.vnet, e.module, (e.cause as Error).message);
}
console.log('live', vnets().map((v) => v.name).join(','));
const c = createVnet('c');
console.log('created', c.name);
try {
  a.get('plugin.ts#rules');
} catch (error) {
  console.log('freed', (error as { code: string }).code);
}
