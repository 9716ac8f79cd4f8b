// Row 7: the same project without markers, plugin with VIMAGE off / without the plugin.
import { main } from '../harness.mjs';
import { buildRow } from './6-build-on.mjs';

export const run = () =>
  buildRow(7, {
    markers: false,
    vimage: false,
    label: 'same, no markers: plugin (VIMAGE off) / none',
    target: { max: 1.05 },
  });

await main(import.meta.url, run);
