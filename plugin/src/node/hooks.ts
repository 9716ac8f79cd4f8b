import { readFileSync, realpathSync } from 'node:fs';
import { createRequire, isBuiltin, type LoadHook } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TransformError, errors, mayExportVirtualized } from '@vimage/transform';
import { VimageCore } from '../core/core.js';
import { placedWarningText } from '../core/errors.js';
import type { VimagePluginOptions } from '../core/options.js';

/**
 * The hooks `register` (../node.ts) installs, in Node's hooks thread. `load` reads nothing of a
 * file the options do not select: it hands it on after the filter's test of its path.
 */
let core: VimageCore;
/** The runtime's own files (a workspace link is outside node_modules): never transformed. */
let runtimeDir: string | undefined;

export function initialize(data: { options?: VimagePluginOptions }): void {
  // Validated as in every adapter; an error here is thrown by register() in the caller.
  core = new VimageCore(data.options, 'node');
  runtimeDir = packageDir(core.config.transform.runtimeModule, core.root);
}

export const load: LoadHook = async (url, context, nextLoad) => {
  if (!url.startsWith('file:')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (!core.filter(file) || (runtimeDir && file.startsWith(runtimeDir))) {
    return nextLoad(url, context);
  }
  const loaded = await nextLoad(url, context);
  const { format } = loaded;
  if (format !== 'module' && format !== 'module-typescript') {
    if (format === 'commonjs' && concerns(readFileSync(file, 'utf8'), file)) {
      throw new TransformError(errors.nodeHooksCommonJs(file));
    }
    return loaded;
  }
  const code =
    typeof loaded.source === 'string'
      ? loaded.source
      : Buffer.from(loaded.source as Uint8Array).toString('utf8');
  const result = await core.transform(code, file, resolveId);
  if (!result) return loaded;
  for (const w of result.warnings) process.emitWarning(placedWarningText(w), { code: w.code });
  const map = result.map ? `\n//# sourceMappingURL=${result.map.toUrl()}\n` : '';
  return { format, source: result.code + map, shortCircuit: true };
};

/** A module the transform would change: one with markers, or one `virtualize` selects. */
function concerns(code: string, file: string): boolean {
  const options = core.config.optionsFor(file);
  return !!options.virtualize || mayExportVirtualized(code, options);
}

/**
 * Where an import of a module being transformed leads, as Node resolves it from the importer:
 * a relative or absolute specifier is a URL relative to the importer (ES modules search no
 * extensions); a package name is resolved by Node's require resolution from the importer.
 */
async function resolveId(source: string, importer: string): Promise<string | null> {
  try {
    if (/^(?:\.{0,2}\/|file:)/.test(source)) {
      return fileURLToPath(new URL(source, pathToFileURL(importer)));
    }
    if (isBuiltin(source) || /^[a-z][a-z\d+.-]*:/i.test(source)) return null;
    return createRequire(importer).resolve(source);
  } catch {
    return null;
  }
}

/** The real folder of the package `name` resolves to from `root`, with a trailing separator. */
function packageDir(name: string, root: string): string | undefined {
  try {
    let dir = path.dirname(realpathSync(createRequire(path.join(root, 'x.js')).resolve(name)));
    for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const manifest = path.join(dir, 'package.json');
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) {
          return dir + path.sep;
        }
      } catch {}
    }
  } catch {
    return undefined;
  }
  return undefined;
}
