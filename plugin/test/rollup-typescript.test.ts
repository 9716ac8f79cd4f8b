import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import typescriptPlugin from '@rollup/plugin-typescript';
import { rollup, type Plugin, type RollupError, type RollupLog } from 'rollup';
import { describe, expect, it } from 'vitest';
import vimage from '@vimage/plugin/rollup';
import { run, stripTypes } from '../../test/helpers/build.js';

/**
 * The TypeScript step of a rollup config. @rollup/plugin-typescript compiles in its `load` hook,
 * so vimage (a transform) sees compiled code whatever the order: refused where it shows, and
 * said at the start of the build. A step in the transform hook after vimage works.
 */
const out = path.resolve(
  fileURLToPath(import.meta.url),
  '../../../test/.out/plugin-rollup-typescript',
);
const RUNTIME = "import { createVnet, vnet, withVnet } from '@vimage/runtime';\n";
const DECORATED = `${RUNTIME}class Net { @vnet static mtu = 1500; }\nconst v = createVnet('v');\nwithVnet(v, () => { Net.mtu = 9000; });\nconsole.log(Net.mtu, v.get('main.ts#Net.mtu'));\n`;
const TAGGED = `${RUNTIME}/** @vnet */ export let mtu = 1500;\nconst v = createVnet('v');\nwithVnet(v, () => { mtu = 9000; });\nconsole.log(mtu, v.get('main.ts#mtu'));\n`;

async function project(
  name: string,
  main: string,
  compilerOptions: Record<string, unknown> = {},
): Promise<string> {
  const dir = path.join(out, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'main.ts'), main);
  const options = {
    target: 'ES2022',
    module: 'esnext',
    moduleResolution: 'bundler',
    strict: true,
    types: [],
    lib: ['ES2022', 'DOM'],
    ...compilerOptions,
  };
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: options, include: ['*.ts'] }),
  );
  return dir;
}

async function build(dir: string, step: Plugin) {
  const warnings: RollupLog[] = [];
  const bundle = await rollup({
    input: path.join(dir, 'main.ts'),
    external: ['@vimage/runtime'],
    plugins: [vimage({ vimage: true, root: dir }), step],
    onwarn: (w) => void warnings.push(w),
  });
  await bundle.write({ file: path.join(dir, 'dist/main.mjs'), format: 'es' });
  await bundle.close();
  return { warnings, entry: path.join(dir, 'dist/main.mjs') };
}

// Its types describe an ES module's default export; Node hands the CommonJS build's function.
const typescript = typescriptPlugin as unknown as typeof typescriptPlugin.default;
const tsPlugin = (dir: string, extra: Record<string, unknown> = {}) =>
  typescript({ tsconfig: path.join(dir, 'tsconfig.json'), outputToFilesystem: false, ...extra });

describe('rollup with @rollup/plugin-typescript', () => {
  it('refuses an @vnet field it lowered to decorator helpers, saying what to use instead', async () => {
    const dir = await project('decorated', DECORATED);
    const error = await build(dir, tsPlugin(dir)).then(
      () => undefined,
      (e: RollupError) => e,
    );
    expect(error).toMatchObject({
      plugin: 'vimage',
      pluginCode: 'VIMAGE_COMPILED_INPUT',
      id: path.join(dir, 'main.ts'),
    });
    expect(error?.message).toMatch(
      /already compiled to JavaScript \(TypeScript's __esDecorate helper\)/,
    );
    expect(error?.message).toMatch(/rollup-plugin-esbuild/);
    expect(error?.frame).toContain('__esDecorate');
  });

  it('warns at the start of the build, the only sign when removeComments dropped a tag', async () => {
    const dir = await project('tagged-no-comments', TAGGED, { removeComments: true });
    const { warnings, entry } = await build(dir, tsPlugin(dir));
    expect(warnings.filter((w) => w.plugin === 'vimage').map((w) => w.pluginCode)).toEqual([
      'VIMAGE_COMPILED_INPUT',
    ]);
    expect(warnings.find((w) => w.plugin === 'vimage')?.message).toMatch(
      /every \/\*\* @vnet \*\/ global stays shared/,
    );
    // What the warning is about: the tag is gone, so the global is a plain one, unknown to vnets.
    expect((await run(entry)).stderr).toMatch(
      /UnknownSymbolError: no virtualized global "main\.ts#mtu"/,
    );
  });
});

describe('rollup with a TypeScript step in the transform hook after vimage', () => {
  it('builds both forms as written, with no warning', async () => {
    for (const [name, main, want] of [
      ['decorated-esbuild', DECORATED, '1500 9000\n'],
      ['tagged-esbuild', TAGGED, '1500 9000\n'],
    ] as const) {
      const dir = await project(name, main);
      const { warnings, entry } = await build(dir, stripTypes());
      expect(warnings.filter((w) => w.plugin === 'vimage')).toEqual([]);
      const r = await run(entry);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(want);
    }
  });
});
