import { spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/** Inside the repo, so that `@vimage/runtime` resolves through node_modules. */
const dir = path.resolve(fileURLToPath(import.meta.url), '../../../test/.out/plugin-node');

/** A library in node_modules with module state (a counter, default options), and a program. */
const FILES: Record<string, string> = {
  'package.json': '{ "type": "module" }\n',
  'node_modules/tally/package.json':
    '{ "name": "tally", "type": "module", "exports": { ".": "./index.js" } }\n',
  'node_modules/tally/index.js':
    "export { next } from './counter.js';\nexport * from './defaults.js';\n",
  'node_modules/tally/counter.js': 'let count = 0;\nexport function next() { return ++count; }\n',
  'node_modules/tally/defaults.js':
    "let defaults = { step: 1 }; export function fail() { throw new Error('tally failed'); }\n" +
    'export function setDefaults(d) { defaults = { ...defaults, ...d }; }\n' +
    'export function getDefaults() { return defaults; }\n',
  'node_modules/legacy/package.json': '{ "name": "legacy", "main": "index.cjs" }\n',
  'node_modules/legacy/index.cjs': 'let n = 0;\nexports.next = () => ++n;\n',
  'legacy.mjs': "import { next } from 'legacy';\nconsole.log(next());\n",
  'main.mjs':
    "import { createVnet, withVnet } from '@vimage/runtime';\n" +
    "import { next, setDefaults, getDefaults } from 'tally';\n" +
    'const [a, b] = [createVnet(), createVnet()];\n' +
    'withVnet(a, () => { next(); next(); setDefaults({ step: 5 }); });\n' +
    'const seen = withVnet(b, () => [next(), getDefaults().step]);\n' +
    "console.log(seen.join(' '));\n",
  'double.mjs':
    "import { register } from '@vimage/plugin/node';\n" +
    "const options = { vimage: true, virtualize: { include: ['**/node_modules/tally/**'] } };\n" +
    'console.log(register(options), register(options));\n' +
    'try { register({ vimage: false }); } catch (e) { console.log(e.code); }\n' +
    "const { next } = await import('tally');\n" +
    "const { createVnet, withVnet } = await import('@vimage/runtime');\n" +
    'withVnet(createVnet(), () => next());\n' +
    'console.log(withVnet(createVnet(), () => next()));\n',
  'plain.mjs':
    "import { next, setDefaults, getDefaults } from 'tally';\n" +
    'next();\nsetDefaults({ step: 5 });\nconsole.log(next(), getDefaults().step);\n',
  'bad.mjs':
    "import { VNET_DEFINE } from '@vimage/runtime';\n" +
    'export function f() {\n  const x = VNET_DEFINE(1);\n  return x;\n}\n',
  'throws.mjs': "import { fail } from 'tally';\nfail();\n",
};

function node(script: string, options?: object) {
  const env = { ...process.env, VIMAGE_OPTIONS: options && JSON.stringify(options) };
  const args = ['--import', '@vimage/plugin/node/register', script];
  return spawnSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8' });
}

const virtualize = { include: ['**/node_modules/tally/**'] };

beforeAll(async () => {
  await rm(dir, { recursive: true, force: true });
  for (const [file, code] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), code);
  }
});

describe('@vimage/plugin/node', () => {
  it('virtualizes a library in node_modules: every vnet starts from the reference copy', () => {
    const run = node('main.mjs', { vimage: true, root: dir, virtualize });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('1 1\n');
  });

  it('with VIMAGE off, the library keeps plain globals, and a second vnet is refused', () => {
    const options = { vimage: false, root: dir, virtualize };
    expect(node('plain.mjs', options).stdout).toBe('2 5\n');
    const run = node('main.mjs', options);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('VIMAGE_OFF');
    expect(run.stderr).toMatch(/node_modules[\\/]tally[\\/]counter\.js/);
  });

  it('leaves a library the options do not select untouched', () => {
    const run = node('main.mjs', { vimage: true, root: dir });
    expect(run.stdout).toBe('3 5\n');
  });

  it('registers once per thread: again with the same options does nothing, others throw', () => {
    const run = spawnSync(process.execPath, ['double.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('true false\nVIMAGE_BAD_OPTION\n1\n');
  });

  it('maps stacks of a transformed module to the original line and column', () => {
    // The transform inserts the runtime's import and registration before the throw on line 1.
    const at = (options: object) =>
      /defaults\.js:\d+:\d+/.exec(node('throws.mjs', options).stderr)?.[0];
    const plain = at({ vimage: true, root: dir });
    const column = 'let defaults = { step: 1 }; export function fail() { throw '.length + 1;
    expect(plain).toBe(`defaults.js:1:${column}`);
    expect(at({ vimage: true, root: dir, virtualize })).toBe(plain);
  });

  it('fails an import the transform refuses with file, line, column, the fix and a frame', () => {
    const run = node('bad.mjs', { vimage: true, root: dir });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/bad\.mjs:3:\d+: .*VNET_DEFINE/);
    expect(run.stderr).toContain('fix:');
    expect(run.stderr).toContain('VIMAGE_MARKER_NOT_MODULE_LEVEL');
  });

  it('refuses a selected module that Node loads as CommonJS instead of leaving it shared', () => {
    const legacy = { include: ['**/node_modules/legacy/**'] };
    const run = node('legacy.mjs', { vimage: true, root: dir, virtualize: legacy });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/legacy[\\/]index\.cjs loads as CommonJS/);
    expect(node('legacy.mjs', { vimage: true, root: dir }).stdout).toBe('1\n');
  });

  it('refuses bad options when registering, naming the option and the fix', () => {
    const run = node('main.mjs', { vimage: true, virtualize: { include: 3 } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('option "virtualize.include" must be a glob');
    expect(run.stderr).toContain('fix:');
    const env = { ...process.env, VIMAGE_OPTIONS: '{vimage' };
    const args = ['--import', '@vimage/plugin/node/register', 'main.mjs'];
    const json = spawnSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8' });
    expect(json.stderr).toContain('(VIMAGE_OPTIONS, as JSON): options must be an object');
  });
});
