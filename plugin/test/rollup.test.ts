import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { rollup, type Plugin, type RollupError } from 'rollup';
import { describe, expect, it } from 'vitest';
import vimage from '@vimage/plugin/rollup';
import { TransformError } from '@vimage/transform';
import { run, stripTypes } from '../../test/helpers/build.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const external = (id: string) => id === '@vimage/runtime';

async function build(
  name: string,
  entry: string,
  opts: Parameters<typeof vimage>[0] = {},
  withPlugin = true,
) {
  const root = path.join(fixtures, name);
  const bundle = await rollup({
    input: path.join(root, entry),
    plugins: [...(withPlugin ? [vimage({ root, ...opts })] : []), stripTypes()],
    external,
  });
  const { output } = await bundle.generate({ format: 'es', sourcemap: true });
  await bundle.close();
  return output[0];
}

describe('@vimage/plugin/rollup', () => {
  it('reports bad input through rollup with code, file, line, column and a code frame', async () => {
    let error: RollupError | undefined;
    try {
      await build('bad-marker', 'main.ts', { vimage: true });
    } catch (e) {
      error = e as RollupError;
    }
    expect(error?.code).toBe('PLUGIN_ERROR');
    expect(error?.pluginCode).toBe('VIMAGE_MARKER_NOT_INITIALIZER');
    expect(error?.plugin).toBe('vimage');
    expect(error?.id).toBe(path.join(fixtures, 'bad-marker/main.ts'));
    expect(error?.loc).toEqual({
      file: path.join(fixtures, 'bad-marker/main.ts'),
      line: 4,
      column: 17,
    });
    expect(error?.frame).toContain('4: export let bad = VNET_DEFINE(2) + 1;');
    expect(error?.message).toMatch(/fix: /);
  });

  it('refuses unknown options when the plugin is made, naming the option', () => {
    expect(() => vimage({ vimage: true, virtualise: true } as never)).toThrow(TransformError);
    expect(() => vimage({ vimage: true, virtualise: true } as never)).toThrow(
      /unknown option "virtualise".*\n.*did you mean "virtualize"/,
    );
    expect(() => vimage({ vimage: 'yes' } as never)).toThrow(/option "vimage" must be a boolean/);
  });

  it('processes plain .js modules too, and keeps their behaviour', async () => {
    const out = await build('plain-js', 'main.js', { vimage: true });
    expect(out.code).toMatch(/\.c\[(total === __vimage \? -1 : )?\$vnet_total\]/);
    const { writeFile, mkdir } = await import('node:fs/promises');
    const dir = path.join(fixtures, '../../../test/.out/plugin-plain-js');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'main.mjs'), out.code);
    expect((await run(path.join(dir, 'main.mjs'))).stdout).toBe('0 5 10 10\n');
  });

  it('leaves modules without markers untouched: the same bytes as a build without the plugin', async () => {
    const [withPlugin, without] = await Promise.all([
      build('untouched', 'main.ts', { vimage: true }),
      build('untouched', 'main.ts', {}, false),
    ]);
    expect(withPlugin.code).toBe(without.code);
  });

  it('resolves each import once per build: the host reuses the resolution the transform asked for', async () => {
    const root = path.join(fixtures, 'plain-js');
    const asked: string[] = [];
    // Counts what reaches the resolvers after the plugin: node-resolve's place in a real build.
    const counting = {
      name: 'counting',
      resolveId(source: string, importer: string | undefined) {
        asked.push(`${source} from ${path.basename(importer ?? '(entry)')}`);
        return source === '@vimage/runtime' ? { id: source, external: true } : null;
      },
    };
    const bundle = await rollup({
      input: path.join(root, 'main.js'),
      plugins: [vimage({ root, vimage: true }), counting],
    });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    expect(output[0].code).toMatch(/\.c\[(total === __vimage \? -1 : )?\$vnet_total\]/);
    expect(asked.filter((a) => a.startsWith('./lib.js'))).toEqual(['./lib.js from main.js']);
    // Both modules import the runtime (markers, then the rewritten code): one lookup for their directory.
    expect(asked.filter((a) => a.startsWith('@vimage/runtime'))).toHaveLength(1);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it("does not reuse a resolution for a request with import attributes or another plugin's options", async () => {
    const root = path.join(fixtures, 'plain-js');
    const seen: string[] = [];
    const caller: Plugin = {
      name: 'caller',
      async buildEnd() {
        // The pair the transform resolved, asked again with options it never uses: must reach the resolvers.
        await this.resolve('./lib.js', path.join(root, 'main.js'), { custom: { probe: true } });
        await this.resolve('./lib.js', path.join(root, 'main.js'), {
          attributes: { type: 'json' },
        });
      },
    };
    const probe: Plugin = {
      name: 'probe',
      resolveId(source, _importer, options) {
        if (source === './lib.js')
          seen.push(
            options.custom?.probe
              ? 'custom'
              : Object.keys(options.attributes).length
                ? 'attributes'
                : 'plain',
          );
        return null;
      },
    };
    const bundle = await rollup({
      input: path.join(root, 'main.js'),
      plugins: [caller, vimage({ root, vimage: true }), probe],
      external,
    });
    await bundle.generate({ format: 'es' });
    await bundle.close();
    expect(seen.sort()).toEqual(['attributes', 'custom', 'plain']);
  });

  it('leaves excluded files alone and processes included ones only', async () => {
    const out = await build('plain-js', 'main.js', { vimage: true, exclude: ['**/lib.js'] });
    expect(out.code).toContain('let total = 0;');
    // main.js does not know lib.js is virtualized when lib.js is excluded: the import stays plain.
    expect(out.code).toMatch(/console\.log\(total, __vimage\.c\[\$vnet_local\]/);
  });

  it('produces the same bytes for the same input and options', async () => {
    const [a, b] = [
      await build('linker-set', 'main.ts', { vimage: true }),
      await build('linker-set', 'main.ts', { vimage: true }),
    ];
    expect(a.code).toBe(b.code);
    expect(JSON.stringify(a.map)).toBe(JSON.stringify(b.map));
  });

  it('serves the linker set as virtual:vimage/set: symbol, module, slot, copy kind, position', async () => {
    const out = await build('linker-set', 'main.ts', { vimage: true });
    const json = /JSON\.parse\((".*?[^\\]")\)/.exec(out.code)![1]!;
    expect(JSON.parse(JSON.parse(json))).toEqual([
      {
        symbol: 'b.ts#b',
        module: 'b.ts',
        name: 'b',
        slot: 0,
        copy: 'primitive',
        form: 'call',
        line: 2,
        column: 11,
      },
      {
        symbol: 'b.ts#K.f',
        module: 'b.ts',
        name: 'K.f',
        slot: 1,
        copy: 'shared',
        form: 'decorator',
        line: 3,
        column: 17,
      },
      {
        symbol: 'main.ts#a',
        module: 'main.ts',
        name: 'a',
        slot: 2,
        copy: 'deep',
        form: 'call',
        line: 3,
        column: 11,
      },
    ]);
  });

  it('maps positions in the bundle back to the original source, in both modes', async () => {
    const lib = readFileSync(path.join(fixtures, 'plain-js/lib.js'), 'utf8').split('\n');
    for (const mode of [false, true]) {
      const out = await build('plain-js', 'main.js', { vimage: mode });
      const map = new TraceMap(out.map as never);
      const lines = out.code.split('\n');
      // `total += n` in lib.js's add(): with VIMAGE on the target became a slot access (rollup may rename its constant).
      const line = lines.findIndex((l) => /total \+= n|\$vnet_total(\$\d+)?\] \+= n/.test(l));
      const col = lines[line]!.search(/total \+=|__vimage\.c\[\$vnet_total(\$\d+)?\]/);
      const pos = originalPositionFor(map, { line: line + 1, column: col });
      expect(pos.source).toMatch(/plain-js\/lib\.js$/);
      expect(pos.line).toBe(3);
      expect(pos.column).toBe(lib[2]!.indexOf('total +='));
    }
  });
});
