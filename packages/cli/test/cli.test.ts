import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CLI_DIR, fixture, json, vimage } from './helpers/run.js';

// Each test starts the CLI (which loads TypeScript and ts-morph) as a child process, some several times.
vi.setConfig({ testTimeout: 180_000 });

const VERBS = ['compare', 'set', 'affected', 'virtualize', 'tsc'];

describe('vimage --help and usage', () => {
  it('lists every verb with examples and exits 0', () => {
    const r = vimage(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^usage: vimage <compare\|set\|affected\|virtualize\|tsc> \[options\]/,
    );
    for (const verb of VERBS) expect(r.stdout).toMatch(new RegExp(`^  ${verb}\\s+\\S`, 'm'));
    expect(r.stdout).toContain('examples:\n  vimage compare');
    expect(r.stderr).toBe('');
  });

  it.each(VERBS)('%s --help shows its usage, options and examples', (verb) => {
    const r = vimage([verb, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^usage: vimage ${verb} `));
    expect(r.stdout).toContain('    --json');
    expect(r.stdout).toMatch(new RegExp(`examples:\\n  vimage ${verb} `));
    expect(vimage(['help', verb]).stdout).toBe(r.stdout);
  });

  it('the package bin is an executable launcher of dist/bin.js (npm links it at install, before the build)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(CLI_DIR, 'package.json'), 'utf8'));
    const launcher = path.join(CLI_DIR, pkg.bin.vimage);
    expect(fs.statSync(launcher).mode & 0o111).not.toBe(0);
    expect(fs.readFileSync(launcher, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    const r = spawnSync(launcher, ['--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(vimage(['--help']).stdout);
  });

  it('prints the version', () => {
    const r = vimage(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 with a usage line on no verb, an unknown verb, an unknown flag, a missing or extra argument', () => {
    const cases: [string[], RegExp][] = [
      [[], /error: missing verb/],
      [['compre', '.'], /unknown verb "compre" \(did you mean compare\?\)/],
      [['set', fixture('net'), '--jsn'], /unknown option --jsn \(did you mean --json\?\)/],
      [['set'], /missing argument <path>/],
      [['set', 'a', 'b'], /unexpected argument "b"/],
      [['affected', '.', '--since'], /option --since needs a value/],
      [['set', '.', '--json=yes'], /option --json takes no value/],
      [
        ['compare', fixture('net'), '--side-by-side', '--width', 'wide'],
        /--width must be a whole number/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = vimage(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^usage: vimage/m);
      expect(r.stdout).toBe('');
    }
  });

  it('with --json, bad usage is a JSON error document as well', () => {
    const r = vimage(['set', '--json']);
    expect(r.status).toBe(2);
    expect(json(r)).toEqual({
      error: {
        code: 'VIMAGE_CLI_USAGE',
        message: 'missing argument <path>',
        hint: null,
        file: null,
        line: null,
        column: null,
      },
    });
  });

  it('exits 2 naming a path that does not exist', () => {
    const r = vimage(['set', 'no/such/project']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: no such file or folder: no/such/project');
    expect(r.stderr).toContain('fix: give a folder with a tsconfig.json');
  });
});

describe('colours', () => {
  const net = fixture('net');
  const ESC = '\x1b[';

  it('are off when stdout is not a terminal', () => {
    expect(vimage(['set', net]).stdout).not.toContain(ESC);
  });

  it('are on with FORCE_COLOR, and never with NO_COLOR or --json', () => {
    expect(vimage(['set', net], { env: { FORCE_COLOR: '1' } }).stdout).toContain(`${ESC}1m`);
    expect(vimage(['set', net], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain(
      ESC,
    );
    expect(vimage(['set', net, '--json'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
  });
});
