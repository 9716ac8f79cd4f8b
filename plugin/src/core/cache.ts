import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TransformResult } from '@vimage/transform';
import { SourceMap } from 'magic-string';

/** A stored transform: its result, or null for a module the transform leaves alone. */
type Entry = { result: TransformResult | null };

const DAY = 24 * 60 * 60 * 1000;
/** Entries written longer ago than this are removed; one still in use is written again once. */
export const ENTRY_LIFETIME = 30 * DAY;

/**
 * The transform cache: each module's output on disk, under a key made of everything the output
 * depends on (the module's text and path, the options, what its imports resolve to and the text
 * of every module whose exports it reads, and the code of vimage and TypeScript themselves), so
 * that a process that starts again (a test run, a build, a dev server) parses only what changed.
 * A key is exact or the entry is never read: an input left out of it would hand one program
 * another program's rewrite. Entries are written whole (a temporary file renamed), and an entry
 * that cannot be read is a miss: the cache never fails a build.
 */
export class TransformCache {
  private pruned = false;

  constructor(
    readonly dir: string,
    private readonly settings: string,
  ) {}

  key(parts: readonly string[]): string {
    const hash = createHash('sha256').update(codeVersion()).update(this.settings);
    for (const part of parts) hash.update('\0').update(part);
    return hash.digest('hex');
  }

  /** The stored result, or undefined when there is none. */
  get(key: string): TransformResult | null | undefined {
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(this.file(key), 'utf8')) as Entry;
    } catch {
      return undefined;
    }
    const result = entry.result;
    // The hosts call the map's toUrl() and toString(): give it back its class.
    if (result?.map) result.map = Object.assign(Object.create(SourceMap.prototype), result.map);
    return result;
  }

  set(key: string, result: TransformResult | null): void {
    if (!this.pruned) this.prune();
    const file = this.file(key);
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temporary, JSON.stringify({ result } satisfies Entry));
      renameSync(temporary, file);
    } catch {
      // A read-only or full disk costs the next run its time, never this one its build.
    }
  }

  /**
   * Removes entries (and temporary files a stopped process left) written more than
   * ENTRY_LIFETIME ago, at most once a day (the `pruned` file's time says when it last ran), by
   * the first process of the day that writes one: a process that only reads pays nothing.
   */
  private prune(): void {
    this.pruned = true;
    const marker = path.join(this.dir, 'pruned');
    const now = Date.now();
    try {
      if (now - statSync(marker).mtimeMs < DAY) return;
    } catch {}
    let names: string[];
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(marker, '');
      names = readdirSync(this.dir, { recursive: true, encoding: 'utf8' });
    } catch {
      return; // a folder that cannot be written
    }
    for (const name of names) {
      if (!/\.(?:json|tmp)$/.test(name)) continue;
      const file = path.join(this.dir, name);
      try {
        if (now - statSync(file).mtimeMs > ENTRY_LIFETIME) rmSync(file, { force: true });
      } catch {} // removed meanwhile by another process pruning
    }
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key.slice(2)}.json`);
  }
}

/**
 * Where `cache` puts the entries: a folder the user names, or `node_modules/.cache/vimage` under
 * the root (where babel-loader and others keep theirs) when the root has a `node_modules`.
 */
export function cacheDir(option: boolean | string | undefined, root: string): string | undefined {
  if (option === false) return undefined;
  if (typeof option === 'string') return path.resolve(root, option);
  const modules = path.join(root, 'node_modules');
  return existsSync(modules) ? path.join(modules, '.cache', 'vimage') : undefined;
}

let version: string | undefined;

/**
 * The code that makes an output: every file of @vimage/transform and of this plugin, and the
 * runtime's table of built-ins that the transform reads (size and modification time, so a
 * rebuilt or reinstalled package is a new key, whatever its version says), and TypeScript's
 * version, read from its manifest without loading it.
 */
function codeVersion(): string {
  if (version !== undefined) return version;
  // createRequire: import.meta.resolve is missing in Node 20's module hooks thread.
  const transform = path.dirname(createRequire(import.meta.url).resolve('@vimage/transform'));
  const plugin = fileURLToPath(new URL('..', import.meta.url));
  const manifest = createRequire(transform + path.sep)('typescript/package.json') as {
    version: string;
  };
  const hash = createHash('sha256').update(manifest.version);
  const files = [transform, plugin].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.js'))
      .sort()
      .map((name) => path.join(dir, name)),
  );
  files.push(createRequire(transform + path.sep).resolve('@vimage/runtime/builtins'));
  for (const file of files) {
    const stat = statSync(file);
    hash.update(`\0${file}\0${stat.size}\0${stat.mtimeMs}`);
  }
  version = hash.digest('hex');
  return version;
}
