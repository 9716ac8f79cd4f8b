import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError } from '../errors.js';

function git(cwd: string, args: string[]): string {
  return execFileSync('git', ['-C', cwd, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The work tree's top folder; --since is bad usage outside one (exit 2). */
export function repoRoot(dir: string): string {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    throw new CliError(
      `${dir} is not inside a git work tree`,
      'VIMAGE_CLI_GIT',
      2,
      '--since compares with a git revision: run it inside a git repository, or leave --since out',
    );
  }
}

/** The commit a revision names (branch, tag, HEAD~2, a hash); an unknown one is bad usage. */
export function resolveCommit(repo: string, ref: string): string {
  try {
    return git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
  } catch {
    throw new CliError(
      `unknown git revision ${JSON.stringify(ref)}`,
      'VIMAGE_CLI_GIT',
      2,
      'name a commit, branch or tag that exists, e.g. --since HEAD~1 or --since main',
    );
  }
}

/**
 * Runs `fn` on a temporary work tree checked out at `commit` (`git worktree add --detach`),
 * removed afterwards whatever happens. Hooks are off: a checkout for reading runs nothing.
 * `node_modules` folders are not versioned: those of `linked` folders are linked in, so that
 * a tsconfig `extends` from a package still resolves.
 */
export function withWorktree<T>(
  repo: string,
  commit: string,
  linked: string[],
  fn: (tree: string) => T,
): T {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'vimage-since-'));
  try {
    const noHooks = ['-c', 'core.hooksPath=/dev/null'];
    git(repo, [...noHooks, 'worktree', 'add', '--detach', '--quiet', tree, commit]);
    for (const dir of linked) {
      const rel = path.relative(repo, dir);
      const modules = path.join(dir, 'node_modules');
      const target = path.join(tree, rel, 'node_modules');
      const free = fs.existsSync(path.dirname(target)) && !fs.existsSync(target);
      if (fs.existsSync(modules) && free) fs.symlinkSync(modules, target, 'junction');
    }
    return fn(tree);
  } finally {
    try {
      git(repo, ['worktree', 'remove', '--force', tree]);
    } catch {
      // Never added (the checkout failed), or already gone: clear the folder and git's record.
      fs.rmSync(tree, { recursive: true, force: true });
      git(repo, ['worktree', 'prune']);
    }
  }
}
