import { readFileSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import ts from 'typescript';
import type { RollupLog } from 'rollup';
import { describe, expect, it } from 'vitest';
import { transform } from '@vimage/transform';
import { bundle, repo, run } from './helpers/build.js';

/**
 * The virtualize option on real npm packages, unmodified: the same mechanism has to hold for
 * any library that keeps global state, so nothing here knows about these two in particular.
 */
const dir = (name: string) => path.join(repo, 'test/virtualize', name);
const resolve = () =>
  nodeResolve({
    exportConditions: ['import', 'module', 'default'],
    extensions: ['.mjs', '.js', '.ts'],
  });

// Bundling whole libraries with every module analysed takes a while on 2 cores.
describe('automatic virtualization of unmodified libraries', { timeout: 300_000 }, () => {
  it('date-fns: setDefaultOptions in one vnet changes format and startOfWeek there only', async () => {
    const build = await bundle(dir('date-fns'), {
      vimage: true,
      plugins: [resolve()],
      virtualize: { include: ['**/node_modules/date-fns/**'] },
    });
    const out = await run(build.entry);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(
      [
        'a mercredi 17 janvier | week starts lundi 15',
        'b Wednesday 17 January | week starts Sunday 14',
        'vnet0 Wednesday 17 January | week starts Sunday 14',
        '',
      ].join('\n'),
    );
  });

  it('lodash-es: uniqueId counts separately in each vnet, from the value it had when boot ended', async () => {
    const build = await bundle(dir('lodash'), {
      vimage: true,
      plugins: [resolve()],
      virtualize: { include: ['**/node_modules/lodash-es/**'] },
    });
    const out = await run(build.entry);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(
      [
        'vnet0 id_1,id_2',
        'a id_1,id_2,id_3',
        'b id_1',
        'a again id_4',
        'vnet0 again id_3',
        '',
      ].join('\n'),
    );
  });

  it('shapes libraries ship: Babel-style var, getters and setters over module state, arguments, a TS class with an assigned static field, a barrel', async () => {
    const build = await bundle(dir('shapes'), {
      vimage: true,
      virtualize: { include: ['**/shapes/lib/**'] },
    });
    const out = await run(build.entry);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(
      [
        'a dark {"theme":"dark","lang":"fr","tz":"CET"}/2 next=3',
        'b light {"theme":"light","lang":"de"}/1 next=2',
        'vnet0 light {"theme":"light"}/0 next=1',
        '',
      ].join('\n'),
    );
  });

  it('VIMAGE off with only the virtualize option (no marker anywhere): createVnet() throws VimageOffError naming the modules', async () => {
    const build = await bundle(dir('shapes'), {
      vimage: false,
      virtualize: { include: ['**/shapes/lib/**'] },
    });
    const out = await run(build.entry);
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(
      /VimageOffError: createVnet\(\): this program was built without VIMAGE/,
    );
    expect(out.stderr).toContain('(lib/config.js, lib/counter.ts built with VIMAGE off)');
    // The globals themselves stay plain: no slot access, no seal.
    const code = readFileSync(build.entry, 'utf8');
    expect(code).not.toMatch(/__vimage\.(c\[|seal|defineAuto)/);
  });

  it('warns, with the location, where a virtualized value is stored at import time on a shared object: imported, through a namespace or a property, on a virtualized function', async () => {
    const warnings: RollupLog[] = [];
    const build = await bundle(dir('escapes'), {
      vimage: true,
      warnings,
      virtualize: { include: ['**/escapes/lib/**'], objects: true },
    });
    // Sorted: modules are transformed concurrently.
    const found = warnings
      .map(
        (w) =>
          `${w.pluginCode} ${path.basename(w.loc!.file!)}:${w.loc!.line}:${w.loc!.column} ${w.message}`,
      )
      .sort();
    expect(found).toEqual([
      expect.stringMatching(
        /^VIMAGE_W_ESCAPE api\.js:7:0 .*"opts" \(imported from '\.\/state\.js'\) is stored on api\.opts at import time: that object is shared by every vnet/,
      ),
      expect.stringMatching(
        /^VIMAGE_W_ESCAPE api\.js:8:0 .*"lib\/state\.js#opts" is stored on api\.current at import time/,
      ),
      expect.stringMatching(
        /^VIMAGE_W_ESCAPE api\.js:9:0 .*"opts" \(through opts\.lang\) is stored on api\.lang at import time/,
      ),
      expect.stringMatching(
        /^VIMAGE_W_ESCAPE day\.js:13:0 .*"Ls" is stored on dayjs\.Ls at import time: "dayjs" is virtualized, but its value \(a function\) is shared by every vnet/,
      ),
      expect.stringMatching(
        /^VIMAGE_W_ESCAPE day\.js:16:2 .*"dayjs" is changed here, in code any vnet may run, but its value is a function or an object the runtime shares between vnets/,
      ),
      expect.stringMatching(
        /^VIMAGE_W_ESCAPE pool\.js:10:9 .*"pool" is changed here, .* an instance of Pool, whose #private fields make the runtime share it/,
      ),
    ]);
    // What the warnings say, as it shows: a tenant reads vnet0's table, and writes into vnet0's object.
    const out = await run(build.entry);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(
      [
        'a fr vnet0 en | a finds fr in dayjs.Ls: false',
        'b wrote api.opts.lang; vnet0 reads de',
        'b took one; vnet0 takes 2',
        '',
      ].join('\n'),
    );
  });

  it('warns where a library bundle exports an automatically virtualized global, which importers the plugin did not build read stale', async () => {
    const warnings: RollupLog[] = [];
    const build = await bundle(dir('library'), {
      vimage: true,
      warnings,
      virtualize: { include: ['**/virtualize/library/**'] },
    });
    expect(
      warnings
        .map(
          (w) => `${w.pluginCode} ${path.basename(w.loc!.file!)}:${w.loc!.line}:${w.loc!.column}`,
        )
        .sort(),
    ).toEqual(['VIMAGE_W_EXPORT defaults.js:1:11', 'VIMAGE_W_EXPORT main.ts:3:11']);
    const defaults = warnings.find((w) => w.loc!.file!.endsWith('defaults.js'))!;
    expect(defaults.message).toContain(
      'main.mjs exports "defaults", the automatically virtualized global lib/defaults.js#defaults: code the plugin did not build',
    );
    expect(defaults.frame).toContain('export let defaults');
    // What it warns about: a consumer built without the plugin, a fresh vnet per case.
    const consumer = path.join(build.dir, 'consumer.mjs');
    writeFileSync(
      consumer,
      [
        "import { createVnet, withVnet } from '@vimage/runtime';",
        "import { defaults, setDefaults } from './main.mjs';",
        "const a = createVnet('a');",
        "withVnet(a, () => setDefaults({ lang: 'fr' }));",
        'console.log(withVnet(a, () => defaults.lang));',
      ].join('\n'),
    );
    const out = await run(consumer);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe('en\n');
  });

  it("objects: an instance changed only through its own methods (marked's setOptions) is isolated per vnet", async () => {
    const build = await bundle(dir('instance'), {
      vimage: true,
      virtualize: { include: ['**/instance/lib/**'], objects: true },
    });
    const out = await run(build.entry);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(['a x', 'b x [gfm] [breaks]', 'vnet0 x [gfm]', ''].join('\n'));
  });

  it('without virtualize, the same library state is shared by every vnet (what the option fixes)', async () => {
    const build = await bundle(dir('lodash'), {
      vimage: true,
      plugins: [resolve()],
      tag: 'shared',
    });
    const out = await run(build.entry);
    expect(out.stdout).toBe(
      [
        'vnet0 id_1,id_2',
        'a id_3,id_4,id_5',
        'b id_6',
        'a again id_7',
        'vnet0 again id_8',
        '',
      ].join('\n'),
    );
  });

  it('three libraries with every module virtualized behave in vnet0 exactly as the plain build', async () => {
    const libs = {
      include: [
        '**/node_modules/date-fns/**',
        '**/node_modules/lodash-es/**',
        '**/node_modules/rxjs/**',
      ],
      objects: true,
    };
    const [plain, auto] = await Promise.all([
      bundle(dir('libraries'), {
        vimage: false,
        withoutPlugin: true,
        plugins: [resolve()],
        tag: 'plain',
      }),
      bundle(dir('libraries'), {
        vimage: true,
        plugins: [resolve()],
        virtualize: libs,
        tag: 'auto',
      }),
    ]);
    const [a, b] = await Promise.all([run(plain.entry), run(auto.entry)]);
    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    expect(a.stdout.length).toBeGreaterThan(100);
    expect(b.stdout).toBe(a.stdout);
    // The virtualized build really did virtualize library state.
    expect(readFileSync(auto.entry, 'utf8')).toMatch(/__vimage\.seal\(\[/);
  });

  it('virtualizes every module of date-fns, lodash-es and rxjs into code that parses', async () => {
    const roots = ['date-fns', 'lodash-es', 'rxjs/dist/esm'].map((p) =>
      path.join(repo, 'node_modules', p),
    );
    const files: string[] = [];
    for (const root of roots) {
      for (const entry of await readdir(root, { recursive: true }))
        if (/\.m?js$/.test(entry)) files.push(path.join(root, entry));
    }
    expect(files.length).toBeGreaterThan(2000);
    let virtualized = 0;
    const broken: string[] = [];
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      const result = transform(code, file, {
        vimage: true,
        root: repo,
        virtualize: { objects: true },
      });
      if (!result) continue;
      if (result.meta.defines.length) virtualized++;
      const sf = ts.createSourceFile(
        file,
        result.code,
        ts.ScriptTarget.Latest,
        false,
        ts.ScriptKind.JS,
      );
      const diagnostics = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
      if (diagnostics.length)
        broken.push(
          `${file}: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, ' ')}`,
        );
    }
    expect(broken).toEqual([]);
    // Most modules of these libraries are pure functions; the ones with state are a few dozen.
    expect(virtualized).toBeGreaterThan(10);
  });
});
