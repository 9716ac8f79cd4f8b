import fs from 'node:fs';
import path from 'node:path';
import type { FileSystemHost, RuntimeDirEntry } from 'ts-morph';
import { showFile, trackedFiles } from './git.js';

/**
 * The work tree as it was at a commit, for ts-morph: the tsconfig, its `extends`, its
 * include globs and module resolution all see that revision. node_modules and paths outside
 * the repository are read from disk (they are not versioned with the project).
 */
export class GitFileSystem implements FileSystemHost {
  private readonly files = new Set<string>();
  private readonly dirs = new Map<string, Map<string, 'file' | 'dir'>>();
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly repo: string,
    private readonly commit: string,
  ) {
    this.dirs.set(repo, new Map());
    for (const rel of trackedFiles(repo, commit)) {
      const file = path.join(repo, rel);
      this.files.add(file);
      let child = file;
      let kind: 'file' | 'dir' = 'file';
      for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
        const entries = this.dirs.get(dir) ?? new Map();
        entries.set(path.basename(child), kind);
        this.dirs.set(dir, entries);
        if (dir === repo || dir === path.dirname(dir)) break;
        child = dir;
        kind = 'dir';
      }
    }
  }

  /** Versioned paths come from git; the rest (node_modules, outside the repo) from disk. */
  private fromGit(p: string): boolean {
    const rel = path.relative(this.repo, p);
    return !rel.startsWith('..') && !path.isAbsolute(rel) && !rel.split(path.sep).includes('node_modules');
  }

  isCaseSensitive(): boolean {
    return true;
  }
  /** Entries with full paths, as ts-morph's own hosts give them. */
  readDirSync(dir: string): RuntimeDirEntry[] {
    if (!this.fromGit(dir)) {
      return fs.readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: path.join(dir, e.name), isFile: e.isFile(), isDirectory: e.isDirectory(), isSymlink: e.isSymbolicLink() }));
    }
    const entries = this.dirs.get(path.resolve(dir));
    if (!entries) throw Object.assign(new Error(`ENOENT: no such directory at this revision: ${dir}`), { code: 'ENOENT' });
    return [...entries].map(([name, kind]) => ({ name: path.join(dir, name), isFile: kind === 'file', isDirectory: kind === 'dir', isSymlink: false }));
  }
  readFileSync(file: string): string {
    if (!this.fromGit(file)) return fs.readFileSync(file, 'utf8');
    const abs = path.resolve(file);
    if (!this.files.has(abs)) throw Object.assign(new Error(`ENOENT: no such file at this revision: ${file}`), { code: 'ENOENT' });
    let text = this.texts.get(abs);
    if (text === undefined) this.texts.set(abs, (text = showFile(this.repo, this.commit, path.relative(this.repo, abs).split(path.sep).join('/'))));
    return text;
  }
  async readFile(file: string): Promise<string> {
    return this.readFileSync(file);
  }
  fileExistsSync(file: string): boolean {
    return this.fromGit(file) ? this.files.has(path.resolve(file)) : fs.existsSync(file) && fs.statSync(file).isFile();
  }
  async fileExists(file: string): Promise<boolean> {
    return this.fileExistsSync(file);
  }
  directoryExistsSync(dir: string): boolean {
    return this.fromGit(dir) ? this.dirs.has(path.resolve(dir)) : fs.existsSync(dir) && fs.statSync(dir).isDirectory();
  }
  async directoryExists(dir: string): Promise<boolean> {
    return this.directoryExistsSync(dir);
  }
  realpathSync(p: string): string {
    return this.fromGit(p) ? p : fs.realpathSync(p);
  }
  getCurrentDirectory(): string {
    return process.cwd();
  }

  // A revision is read-only, and the CLI never globs through ts-morph.
  private readonly refuse = (): never => {
    throw new Error(`a git revision (${this.commit.slice(0, 12)}) is read-only`);
  };
  delete = async (): Promise<void> => this.refuse();
  deleteSync = (): void => this.refuse();
  writeFile = async (): Promise<void> => this.refuse();
  writeFileSync = (): void => this.refuse();
  mkdir = async (): Promise<void> => this.refuse();
  mkdirSync = (): void => this.refuse();
  move = async (): Promise<void> => this.refuse();
  moveSync = (): void => this.refuse();
  copy = async (): Promise<void> => this.refuse();
  copySync = (): void => this.refuse();
  glob = async (): Promise<string[]> => this.refuse();
  globSync = (): string[] => this.refuse();
}
