import { mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createServer, createServerModuleRunner, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import vimage from '@vimage/plugin/vite';
import { TransformError } from '@vimage/transform';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

const out = path.resolve(fileURLToPath(import.meta.url), '../../../test/.out/plugin-vite');
const define = (name: string, value = '1') =>
  `import { VNET_DEFINE } from '@vimage/runtime';\nexport let ${name} = VNET_DEFINE(${value});\n`;

/** A project whose files define globals in places the dev set must read, and places it must skip. */
const MAIN = `import set from 'virtual:vimage/set';\nimport { a } from './src/a';\nimport { b } from './src/deep/b';\nexport { set, a, b };\n`;
const files: Record<string, string> = {
  'main.ts': MAIN,
  'src/a.ts': define('a'),
  'src/deep/b.ts': `${define('b', '[1, 2]')}export { d } from './tagged';\n`,
  // Marked with the tag only: no import of the runtime.
  'src/deep/tagged.ts': `/** @vnet */ export let d = 'd';\n`,
  'src/plain.ts': 'export const plain = 1;\n',
  // Defines a global, but main.ts does not reach it: not in the build's set, so not in the dev server's.
  'src/unused.ts': define('unused'),
  'node_modules/dep/index.ts': define('dep'),
  '.cache/x.ts': define('hidden'),
  'dist/out.ts': define('built'),
  'out/esbuild/main.js': define('alsoBuilt'),
};

type Row = { symbol: string; slot: number };

async function devSet(root: string): Promise<Row[]> {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'silent',
    appType: 'custom',
    server: { middlewareMode: true, watch: null, hmr: false },
    plugins: [vimage({ vimage: true, root })],
  });
  const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
  try {
    return ((await runner.import('/main.ts')) as { set: Row[] }).set;
  } finally {
    await runner.close();
    await server.close();
  }
}

describe('@vimage/plugin/vite', () => {
  const root = path.join(out, 'project');
  beforeAll(async () => {
    await rm(root, { recursive: true, force: true });
    for (const [name, code] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, name)), { recursive: true });
      await writeFile(path.join(root, name), code);
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('is a pre plugin, and refuses unknown options when made, naming the vite adapter', () => {
    expect(vimage()).toMatchObject({ name: 'vimage', enforce: 'pre' });
    expect(() => vimage({ vimage: true, virtualise: true } as never)).toThrow(TransformError);
    expect(() => vimage({ virtualise: true } as never)).toThrow(
      /@vimage\/plugin\/vite.*unknown option "virtualise"/,
    );
  });

  it('serves the dev server the linker set of what the entries reach, tag-only modules included', async () => {
    const rows = await devSet(root);
    expect(rows.map((r) => `${r.slot} ${r.symbol}`)).toEqual([
      '0 src/a.ts#a',
      '1 src/deep/b.ts#b',
      '2 src/deep/tagged.ts#d',
    ]);
  });

  it('serves the same rows in dev as `vite build` does from the whole graph', async () => {
    const dev = await devSet(root);
    const result = (await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [vimage({ vimage: true, root })],
      build: {
        ssr: path.join(root, 'main.ts'),
        write: false,
        rollupOptions: { external: ['@vimage/runtime'] },
      },
    })) as Rollup.RollupOutput;
    // vite prints the string literal with either quote: let JavaScript read it.
    const literal = /JSON\.parse\(((["']).*?[^\\]\2)\)/.exec(result.output[0].code)?.[1];
    expect(literal).toBeDefined();
    // Both are what main.ts reaches: no build output, no file nothing imports.
    expect(JSON.parse(new Function(`return ${literal}`)())).toEqual(dev);
  });

  it('resolves each import once in `vite build`: vite reuses the resolution the transform asked for', async () => {
    const asked: string[] = [];
    const counting = {
      name: 'counting',
      enforce: 'pre' as const,
      resolveId: (source: string, importer?: string) =>
        void (importer && asked.push(`${source} from ${path.relative(root, importer)}`)),
    };
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [vimage({ vimage: true, root }), counting],
      build: {
        ssr: path.join(root, 'main.ts'),
        write: false,
        rollupOptions: { external: ['@vimage/runtime'] },
      },
    });
    // In the order the resolutions finish, which varies: sorted.
    const files = asked.filter((a) => a.startsWith('.')).sort();
    expect(files).toEqual([
      './src/a from main.ts',
      './src/deep/b from main.ts',
      './tagged from src/deep/b.ts',
    ]);
  });

  it('updates the dev linker set when a file is added, changed or deleted', async () => {
    const server = await createServer({
      root,
      configFile: false,
      logLevel: 'silent',
      appType: 'custom',
      server: { middlewareMode: true, watch: null, hmr: false },
      plugins: [vimage({ vimage: true, root })],
    });
    const symbols = async () => {
      // A fresh runner each time: what the server serves now, not what a runner cached.
      const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
      const { set } = (await runner.import('/main.ts')) as { set: Row[] };
      await runner.close();
      return set.map((r) => r.symbol);
    };
    const change = async (event: 'add' | 'change' | 'unlink', name: string, code?: string) => {
      const file = path.join(root, name);
      if (code === undefined) await unlink(file);
      else await writeFile(file, code);
      server.watcher.emit(event, file);
    };
    // The watcher's handlers are async: ask until the plugin's hooks have run.
    const expectSymbols = (want: string[]) =>
      vi.waitFor(async () => expect(await symbols()).toEqual(want), { timeout: 5000 });
    try {
      await expectSymbols(['src/a.ts#a', 'src/deep/b.ts#b', 'src/deep/tagged.ts#d']);
      await change('add', 'src/new.ts', define('fresh'));
      await change('change', 'main.ts', `${MAIN}export * from './src/new';\n`);
      await expectSymbols([
        'src/a.ts#a',
        'src/deep/b.ts#b',
        'src/deep/tagged.ts#d',
        'src/new.ts#fresh',
      ]);
      await change('change', 'src/a.ts', define('renamed'));
      await expectSymbols([
        'src/a.ts#renamed',
        'src/deep/b.ts#b',
        'src/deep/tagged.ts#d',
        'src/new.ts#fresh',
      ]);
      await change('change', 'main.ts', MAIN);
      await change('unlink', 'src/new.ts');
      await expectSymbols(['src/a.ts#renamed', 'src/deep/b.ts#b', 'src/deep/tagged.ts#d']);
    } finally {
      await server.close();
      await writeFile(path.join(root, 'src/a.ts'), files['src/a.ts']!);
      await writeFile(path.join(root, 'main.ts'), MAIN);
    }
  });

  it('maps the rewritten accesses back to the source, in `vite build` and in the dev server', async () => {
    const source =
      "import { VNET_DEFINE } from '@vimage/runtime';\nexport let total = VNET_DEFINE(0);\nexport function add(n: number) {\n  total += n;\n  return total;\n}\n";
    const dir = path.join(out, 'maps');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'lib.ts'), source);
    const at = (code: string, map: unknown) => {
      const lines = code.split('\n');
      const line = lines.findIndex((l) => /\$vnet_total(\$\d+)?\] \+= n/.test(l));
      return originalPositionFor(new TraceMap(map as never), {
        line: line + 1,
        column: lines[line]!.indexOf('__vimage.c['),
      });
    };
    const built = (await build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      plugins: [vimage({ vimage: true, root: dir })],
      build: {
        ssr: path.join(dir, 'lib.ts'),
        write: false,
        sourcemap: true,
        minify: false,
        rollupOptions: { external: ['@vimage/runtime'] },
      },
    })) as Rollup.RollupOutput;
    expect(at(built.output[0].code, built.output[0].map)).toMatchObject({
      source: expect.stringMatching(/lib\.ts$/),
      line: 4,
      column: 2,
    });

    const server = await createServer({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      appType: 'custom',
      server: { middlewareMode: true, watch: null, hmr: false },
      plugins: [vimage({ vimage: true, root: dir })],
    });
    try {
      const served = await server.environments.client.transformRequest('/lib.ts');
      expect(at(served!.code, served!.map)).toMatchObject({
        source: expect.stringMatching(/lib\.ts$/),
        line: 4,
        column: 2,
      });
      expect(served!.code).toContain('import.meta.hot.dispose(');
    } finally {
      await server.close();
    }
  });
});
