import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { rollup } from 'rollup';
import { beforeEach, describe, expect, it } from 'vitest';
import vimage from '@vimage/plugin/rollup';
import { ENTRY_LIFETIME } from '../src/core/cache.js';
import { outRoot, stripTypes } from '../../test/helpers/build.js';

const root = path.join(outRoot, 'plugin-cache');
const cache = path.join(root, 'node_modules/.cache/vimage');

/** A marked global in one module, read by another through its import. */
const FILES: Record<string, string> = {
  'counter.ts':
    "import { VNET_DEFINE } from '@vimage/runtime';\nexport let hits = VNET_DEFINE(0);\n" +
    'export function hit() { hits++; }\n',
  'main.ts': "import { hits, hit } from './counter';\nhit();\nconsole.log(hits);\n",
};

function write(files: Record<string, string>): void {
  for (const [name, code] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), code);
  }
}

/** Where `./counter` leads: a host's resolution can change while no source text does. */
let counter = 'counter.ts';

/** The bundle's code; every build is a new plugin, as a new process would make. */
async function build(options: Parameters<typeof vimage>[0] = {}): Promise<string> {
  const resolve = {
    name: 'counter',
    resolveId: (source: string) => (source === './counter' ? path.join(root, counter) : null),
  };
  const bundle = await rollup({
    input: path.join(root, 'main.ts'),
    plugins: [resolve, vimage({ root, vimage: true, ...options }), stripTypes()],
    external: (id) => id === '@vimage/runtime',
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es', sourcemap: true });
  await bundle.close();
  return output[0].code;
}

/** Every stored entry, as file name and parsed content. */
function entries(dir = cache): Map<string, { result: { code: string } | null }> {
  const found = new Map();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (name.endsWith('.json')) {
      found.set(name, JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
    }
  }
  return found;
}

beforeEach(() => {
  counter = 'counter.ts';
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'node_modules'), { recursive: true });
  write(FILES);
});

describe('the transform cache', () => {
  it('stores each module under node_modules/.cache/vimage and builds the same from it', async () => {
    const first = await build();
    const stored = entries();
    expect([...stored.values()].some((e) => e.result?.code.includes('__vimage'))).toBe(true);
    expect(await build()).toBe(first);
    expect(entries().size).toBe(stored.size);
  });

  it('serves a stored entry instead of transforming again', async () => {
    await build();
    // An entry changed on disk shows in the next build: the build read it.
    for (const [name, entry] of entries()) {
      if (!entry.result?.code.includes('console.log(')) continue;
      entry.result.code = entry.result.code.replace('console.log(', "console.log('cached', ");
      writeFileSync(path.join(cache, name), JSON.stringify(entry));
    }
    // (The types step prints strings with double quotes.)
    expect(await build()).toContain('console.log("cached", ');
  });

  it('transforms an importer again when what its import exports virtualized changes', async () => {
    const marked = await build();
    expect(marked).toMatch(/__vimage/);
    // main.ts is unchanged; counter.ts no longer marks `hits`, so main must read a plain binding.
    write({ 'counter.ts': 'export let hits = 0;\nexport function hit() { hits++; }\n' });
    const plain = await build();
    expect(plain).not.toMatch(/__vimage/);
    write(FILES);
    expect(await build()).toBe(marked);
  });

  it('keys on what an import resolves to', async () => {
    const before = await build();
    // The same source text './counter' now leads to another file, with a plain binding.
    write({ 'plain.ts': 'export let hits = 0;\nexport function hit() { hits++; }\n' });
    counter = 'plain.ts';
    const after = await build();
    expect(after).not.toBe(before);
    expect(after).not.toMatch(/__vimage/);
  });

  it('keys on the options', async () => {
    const on = await build();
    const off = await build({ vimage: false });
    expect(on).toContain('register("counter.ts", true');
    expect(off).toContain('register("counter.ts", false');
  });

  it('treats an unreadable entry as a miss and writes it again', async () => {
    const first = await build();
    for (const name of entries().keys()) writeFileSync(path.join(cache, name), '{"result": ');
    expect(await build()).toBe(first);
    expect([...entries().values()].every((e) => e !== undefined)).toBe(true);
  });

  it('writes nowhere with cache: false, and where a folder option says', async () => {
    await build({ cache: false });
    expect(() => readdirSync(cache)).toThrow();
    await build({ cache: 'build-cache' });
    expect(entries(path.join(root, 'build-cache')).size).toBeGreaterThan(0);
  });

  it('builds when the folder cannot be written', async () => {
    writeFileSync(path.join(root, 'blocked'), 'a file where the folder would go\n');
    expect(await build({ cache: 'blocked/cache' })).toMatch(/__vimage/);
  });

  it('refuses a cache option that is neither a boolean nor a folder', () => {
    expect(() => vimage({ cache: 1 as unknown as boolean })).toThrow(
      /option "cache" must be a boolean or a folder, got number/,
    );
  });
});

describe('pruning the transform cache', () => {
  const old = (Date.now() - ENTRY_LIFETIME - 60_000) / 1000;

  it('removes entries written longer ago than their lifetime, once a day, when a build writes', async () => {
    await build();
    const stale = path.join(cache, 'ab', 'stale.json');
    const leftover = path.join(cache, 'ab', 'stale.json.0123.tmp');
    for (const file of [stale, leftover]) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, '{"result": null}');
      utimesSync(file, old, old);
    }
    // The first build pruned today already: nothing goes until the marker is a day old.
    write({ 'main.ts': `${FILES['main.ts']}// changed\n` });
    await build();
    expect(existsSync(stale)).toBe(true);
    utimesSync(path.join(cache, 'pruned'), old, old);
    write({ 'main.ts': `${FILES['main.ts']}// changed again\n` });
    const recent = entries().size - 1;
    await build();
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(leftover)).toBe(false);
    // Recent entries stay, and the build's new one (main.ts changed) is written.
    expect(entries().size).toBe(recent + 1);
  });

  it('removes nothing when a build only reads', async () => {
    await build();
    const stale = path.join(cache, 'ab', 'stale.json');
    mkdirSync(path.dirname(stale), { recursive: true });
    writeFileSync(stale, '{"result": null}');
    utimesSync(stale, old, old);
    utimesSync(path.join(cache, 'pruned'), old, old);
    await build();
    expect(existsSync(stale)).toBe(true);
  });
});
