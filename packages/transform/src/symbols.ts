import path from 'node:path';

/**
 * A module's path for symbols: relative to the root, forward slashes, no query or virtual prefix.
 */
export function modulePath(id: string, root: string): string {
  const file = cleanId(id);
  const rel = path.isAbsolute(file) ? path.relative(root, file) : file;
  return rel.split(path.sep).join('/');
}

/**
 * The file behind an id as bundlers pass it: without `?query`, `#hash` suffixes or a leading NUL.
 */
export function cleanId(id: string): string {
  return id.replace(/^\0/, '').replace(/[?#].*$/, '');
}

/** `<module path>#<name>`, the stable name of a virtualized global. */
export function symbolOf(module: string, name: string): string {
  return `${module}#${name}`;
}
