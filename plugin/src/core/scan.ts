import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { transform, type VimageModuleMeta } from '@vimage/transform';
import type { VimageCore } from './core.js';
import { linkerSetRows, type LinkerSetRow } from './linker-set.js';

/**
 * The linker set of a dev server. It transforms modules lazily, when they are requested, so
 * it never holds the whole graph: the set is read from every file under the root that the
 * filter accepts instead. Defining a virtualized global takes a marker imported from the
 * runtime, so a text test for the runtime's name skips every other file unparsed.
 */
export class SourceScan {
  private readonly metas = new Map<string, VimageModuleMeta>();
  private walked: Promise<void> | undefined;

  /** `skip`: absolute folders left out besides node_modules and dot folders (the build's outDir). */
  constructor(
    private readonly core: VimageCore,
    private readonly skip: readonly string[] = [],
  ) {}

  async rows(): Promise<LinkerSetRow[]> {
    await (this.walked ??= this.walk());
    return linkerSetRows(this.metas.values());
  }

  /** A file was created, changed or deleted: true when the linker set changed. */
  async update(file: string): Promise<boolean> {
    // Never asked for the set yet: the first rows() reads the tree as it is then.
    if (!this.walked) return false;
    await this.walked;
    file = path.resolve(file);
    if (!this.covers(file)) return false;
    const before = signature(this.metas.get(file));
    await this.read(file);
    return signature(this.metas.get(file)) !== before;
  }

  private covers(file: string): boolean {
    const rel = path.relative(this.core.root, file);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const dirs = rel.split(path.sep).slice(0, -1);
    if (dirs.some((d) => d === 'node_modules' || d.startsWith('.'))) return false;
    return !this.skip.some((s) => file.startsWith(s + path.sep)) && this.core.filter(file);
  }

  private async walk(): Promise<void> {
    const files: string[] = [];
    const visit = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      await Promise.all(
        entries.map(async (e) => {
          const full = path.join(dir, e.name);
          // Symlinks are not followed: they loop, and linked packages are not the project's sources.
          if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.') && !this.skip.includes(full)) await visit(full);
          else if (e.isFile() && this.core.filter(full)) files.push(full);
        }),
      );
    };
    await visit(this.core.root);
    // A bounded number of files open at once, for big trees.
    for (let i = 0; i < files.length; i += 64) await Promise.all(files.slice(i, i + 64).map((f) => this.read(f)));
  }

  private async read(file: string): Promise<void> {
    const meta = definitions(this.core, await readFile(file, 'utf8').catch(() => ''), file);
    if (meta) this.metas.set(file, meta);
    else this.metas.delete(file);
  }
}

/** What a file defines; a file with a bad marker is left out here and reported when it is transformed. */
function definitions(core: VimageCore, code: string, file: string): VimageModuleMeta | undefined {
  if (!code.includes(core.config.transform.runtimeModule)) return undefined;
  try {
    const meta = transform(code, file, { ...core.config.transform, sourceMap: false })?.meta;
    return meta?.defines.length ? meta : undefined;
  } catch {
    return undefined;
  }
}

function signature(meta: VimageModuleMeta | undefined): string {
  return meta ? JSON.stringify([meta.module, meta.defines]) : '';
}
