import { execFileSync } from 'node:child_process';
import { CliError } from '../errors.js';

function git(cwd: string, args: string[]): string {
  return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The work tree's top folder; --since is bad usage outside one (exit 2). */
export function repoRoot(dir: string): string {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    throw new CliError(`${dir} is not inside a git work tree`, 'VIMAGE_CLI_GIT', 2, '--since compares with a git revision: run it inside a git repository, or leave --since out');
  }
}

/** The commit a revision names (branch, tag, HEAD~2, a hash); an unknown one is bad usage. */
export function resolveCommit(repo: string, ref: string): string {
  try {
    return git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
  } catch {
    throw new CliError(`unknown git revision ${JSON.stringify(ref)}`, 'VIMAGE_CLI_GIT', 2, 'name a commit, branch or tag that exists, e.g. --since HEAD~1 or --since main');
  }
}

/** Every file tracked in the commit, relative to the repository root, forward slashes. */
export function trackedFiles(repo: string, commit: string): string[] {
  return git(repo, ['ls-tree', '-r', '-z', '--name-only', commit]).split('\0').filter(Boolean);
}

export function showFile(repo: string, commit: string, rel: string): string {
  return git(repo, ['show', `${commit}:${rel}`]);
}
