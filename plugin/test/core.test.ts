import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VimageCore } from '../src/core/core.js';

const root = '/project';
const code =
  "import { VNET_DEFINE } from '@vimage/runtime';\nexport let hits = VNET_DEFINE(0);\nexport const bump = () => hits++;\n";
const noImports = async () => null;

describe('VimageCore', () => {
  it('makes source maps by default, and none once the host says it writes none', async () => {
    const core = new VimageCore({ vimage: true, root }, 'vite');
    expect((await core.transform(code, path.join(root, 'a.ts'), noImports))?.map).not.toBeNull();
    core.hostWritesNoSourceMaps();
    const result = await core.transform(code, path.join(root, 'a.ts'), noImports);
    expect(result?.code).toContain('__vimage.c[$vnet_hits]++');
    expect(result?.map).toBeNull();
  });

  it('keeps making source maps the user asked for, whatever the host writes', async () => {
    const core = new VimageCore({ vimage: true, root, sourceMap: true }, 'vite');
    core.hostWritesNoSourceMaps();
    expect(
      (await core.transform(code, path.join(root, 'a.ts'), noImports))?.map?.mappings,
    ).toBeTruthy();
  });
});
