import { dirname } from 'node:path';

interface ResolveOptions {
  isEntry: boolean;
  attributes?: Record<string, string>;
  custom?: object;
}

/**
 * The plugin resolves a module's imports (through the host, `this.resolve`) before the host
 * does, to read what they export; the host then resolves the same imports again when it
 * follows them. Resolution is most of a build's file system work (node-resolve's stat and
 * realpath calls), so the answers are kept here and handed back from the plugin's own
 * `resolveId` hook: each import is resolved once per build.
 */
/** The host's own resolution of an import, skipping the plugin (`this.resolve` with skipSelf). */
export type HostResolve<R> = (source: string, importer: string) => Promise<R | null>;

export class Resolutions<R extends { id: string }> {
  private readonly known = new Map<string, Promise<R | null>>();

  constructor(private readonly runtimeModule: string) {}

  /** The id an import resolves to, asked of the host once per source and importer. */
  async idOf(
    source: string,
    importer: string,
    resolve: HostResolve<R>,
  ): Promise<string | undefined> {
    return (await this.once(source, importer, importer, resolve))?.id;
  }

  /** Asks the host once per (source, key); `key` is the importer, or its directory. */
  private once(
    source: string,
    importer: string,
    key: string,
    resolve: HostResolve<R>,
  ): Promise<R | null> {
    key = `${key}\0${source}`;
    let answer = this.known.get(key);
    if (!answer) {
      answer = resolve(source, importer);
      this.known.set(key, answer);
      // A failed resolution is asked again, so its error reaches whoever asks next.
      answer.catch(() => this.known.delete(key));
    }
    return answer;
  }

  /**
   * The answer for the host's own resolution of an import, when the host asks as the plugin
   * did (not an entry, no import attributes, no options from other plugins): the one already
   * given, or for the runtime import the transform adds to every module it rewrites, the one
   * given for another module of the same directory (Node's resolution of a bare specifier
   * depends on the importer's directory only). Null: resolve as usual.
   */
  answer(
    source: string,
    importer: string | undefined,
    options: ResolveOptions,
    resolve: HostResolve<R>,
  ): Promise<R | null> | null {
    if (!importer || options.isEntry) return null;
    if (options.attributes && Object.keys(options.attributes).length) return null;
    if (options.custom && Object.keys(options.custom).length) return null;
    const known = this.known.get(`${importer}\0${source}`);
    if (known) return known;
    return source === this.runtimeModule
      ? this.once(source, importer, `${dirname(importer)}/`, resolve)
      : null;
  }

  clear(): void {
    this.known.clear();
  }
}
