import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fileProblem } from '../src/errors.js';
import { BIN, removeDir } from './helpers/run.js';

vi.setConfig({ testTimeout: 120_000 });

/** The CLI as a user who cannot read a mode-000 file: root reads anything, so it runs as nobody. */
function asReader(
  args: string[],
  cwd: string,
): { status: number | null; stdout: string; stderr: string } {
  const root = process.getuid?.() === 0;
  const [cmd, ...rest] = root
    ? [
        'setpriv',
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        process.execPath,
        BIN,
        ...args,
      ]
    : [process.execPath, BIN, ...args];
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const r = spawnSync(cmd!, rest, { cwd, encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a file the CLI cannot read', () => {
  it('EACCES: names the file, the problem and the fix, exit 1, no stack trace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimage-unreadable-'));
    try {
      fs.chmodSync(dir, 0o755);
      fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"t"}');
      fs.writeFileSync(
        path.join(dir, 'a.ts'),
        "import { VNET_DEFINE } from '@vimage/runtime';\nexport let a = VNET_DEFINE(1);\n",
      );
      fs.chmodSync(path.join(dir, 'a.ts'), 0o000);
      for (const verb of ['compare', 'set', 'affected']) {
        const r = asReader([verb, '.'], dir);
        expect(r.status, r.stderr).toBe(1);
        expect(r.stderr).toContain(
          `vimage ${verb}: error: cannot read a.ts: permission denied (EACCES)`,
        );
        expect(r.stderr).toContain('fix: give the user running vimage read access to it');
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      }
      const v = asReader(['virtualize', 'a.ts'], dir);
      expect(v.stderr).toContain('cannot read a.ts: permission denied (EACCES)');
      const j = asReader(['set', '.', '--json'], dir);
      expect(JSON.parse(j.stdout).error).toMatchObject({
        code: 'VIMAGE_CLI_UNREADABLE',
        file: path.join(dir, 'a.ts'),
      });
    } finally {
      removeDir(dir);
    }
  });

  it('EISDIR and ENOENT, as the system reports them: exit 2 with what to check', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimage-unreadable-'));
    try {
      const caught = (f: () => unknown) => {
        try {
          f();
        } catch (e) {
          return e;
        }
        throw new Error('no error');
      };
      const isDir = fileProblem(caught(() => fs.openSync(dir, 'w')))!;
      expect(isDir.message).toMatch(
        /^cannot read .*vimage-unreadable-\w+: it is a directory, not a file \(EISDIR\)$/,
      );
      expect(isDir.exitCode).toBe(2);
      const missing = fileProblem(caught(() => fs.readFileSync(path.join(dir, 'gone.ts'))))!;
      expect(missing.message).toMatch(/gone\.ts: no such file or directory \(ENOENT\)$/);
      expect(missing.hint).toContain('symbolic link');
      expect(fileProblem(new Error('plain'))).toBeUndefined();
    } finally {
      removeDir(dir);
    }
  });
});
