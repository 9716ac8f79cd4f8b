import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { execute, outRoot } from './helpers/build.js';

const dir = path.join(outRoot, 'vitest-fscache');

const plainCounter = 'export let hits = 0;\nexport function hit() { hits++; }\n';
const markedCounter =
  "import { VNET_DEFINE } from '@vimage/runtime';\n" +
  'export let hits = VNET_DEFINE(0);\nexport function hit() { hits++; }\n';

const FILES: Record<string, string> = {
  'vitest.config.ts':
    "import { fileURLToPath } from 'node:url';\n" +
    "import { defineConfig } from 'vitest/config';\n" +
    "import vimage from '@vimage/plugin/vite';\n" +
    "const root = fileURLToPath(new URL('.', import.meta.url));\n" +
    'export default defineConfig({\n' +
    '  root,\n' +
    // No cache of vimage's own: only vitest's could serve the importer again.
    "  plugins: [vimage({ vimage: true, root, cache: false, exclude: [/node_modules/, '**/label.ts'] })],\n" +
    "  test: { include: ['*.spec.ts'], experimental: { fsModuleCache: true, fsModuleCachePath: 'fs-cache' } },\n" +
    '});\n',
  // A module the plugin leaves alone: vitest's cache keeps it.
  'label.ts': "export const label = 'count';\n",
  // The importer: its text never changes between the two runs.
  'count.spec.ts':
    "import { expect, it } from 'vitest';\n" +
    "import { createVnet, withVnet } from '@vimage/runtime';\n" +
    "import { hit, hits } from './counter';\n" +
    "import { label } from './label';\n" +
    'it(`reads the ${label} of the vnet it runs in`, () => {\n' +
    '  const a = createVnet();\n' +
    '  withVnet(a, () => hit());\n' +
    '  expect(withVnet(a, () => hits)).toBe(1);\n' +
    '  expect(withVnet(createVnet(), () => hits)).toBe(0);\n' +
    '});\n',
};

async function vitest(): Promise<{ code: number; out: string }> {
  const args = ['vitest', 'run', '--config', 'vitest.config.ts'];
  const { code, stdout, stderr } = await execute('npx', args, { cwd: dir, timeout: 120_000 });
  return { code, out: stdout + stderr };
}

/**
 * vitest 4.1's experimental.fsModuleCache keys a module on its own text: an importer served from
 * it after its import started marking a global would read vnet0's value. The vite adapter leaves
 * the modules it processes out of that cache.
 */
it("keeps vitest's fsModuleCache from serving an importer built against an import's old exports", async () => {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  for (const [name, code] of Object.entries(FILES)) await writeFile(path.join(dir, name), code);

  // First run: the counter is plain, so the count is shared and the second read fails.
  await writeFile(path.join(dir, 'counter.ts'), plainCounter);
  const plain = await vitest();
  expect(plain.code, plain.out).toBe(1);
  expect(plain.out).toMatch(/expected 1 to be \+0/);
  // vitest's cache is on: it kept label.ts (and its metadata file).
  expect((await readdir(path.join(dir, 'fs-cache'))).length).toBeGreaterThan(1);

  // Second run: the counter marks `hits`; the importer must read it in each vnet.
  await writeFile(path.join(dir, 'counter.ts'), markedCounter);
  const marked = await vitest();
  expect(marked.out).not.toMatch(/expected/);
  expect(marked.code, marked.out).toBe(0);
}, 240_000);
