import fs from 'node:fs';
import path from 'node:path';
import { pluginConfig } from '@vimage/plugin';
import { Project, ts } from 'ts-morph';
import { firstSyntaxError } from './syntax.js';
import { checkTsconfig, type Files } from './tsconfig.js';
import { CliError, type ModuleError } from '../errors.js';

/** A project: its module files, how their imports resolve, and how to read them. */
export interface OpenProject {
  /** Symbols are module paths relative to this folder: the project root (see projectRoot). */
  root: string;
  configFile: string | undefined;
  /** Source modules in path order (declaration files and JSON left out). */
  files: string[];
  options: ts.CompilerOptions;
  morph: Project;
  read(file: string): string | undefined;
  /**
   * The source file an import resolves to, if vimage would build it (not node_modules, not .d.ts).
   */
  resolve(source: string, importer: string): string | undefined;
  /**
   * The first parse error of a module, which the transform never sees in a module of no concern.
   */
  syntaxError(file: string): ModuleError | undefined;
}

const SKIP_DIRS = new Set(['node_modules', 'dist']);
/** What a folder of sources without a tsconfig is read as: modern ESM, resolved like a bundler. */
const DEFAULTS: ts.CompilerOptions = {
  allowJs: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
};

const disk: Files = {
  readFileSync: (p) => fs.readFileSync(p, 'utf8'),
  fileExistsSync: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false,
  directoryExistsSync: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false,
  readDirSync: (p) =>
    fs.readdirSync(p, { withFileTypes: true }).map((e) => ({
      name: e.name,
      isFile: e.isFile(),
      isDirectory: e.isDirectory(),
      isSymlink: e.isSymbolicLink(),
    })),
};

/**
 * `target` is a folder with a tsconfig.json, a tsconfig file, or a folder of sources.
 * `root`: the folder symbols are relative to; default: see projectRoot.
 * Its modules are the files the plugin's filter selects (see selection).
 */
export function openProject(target: string, root?: string): OpenProject {
  const files = disk;
  const abs = realpath(path.resolve(target));
  let configFile: string | undefined;
  if (files.fileExistsSync(abs)) {
    if (!abs.endsWith('.json')) {
      throw new CliError(
        `${target} is a file, not a project`,
        'VIMAGE_CLI_NOT_PROJECT',
        2,
        'give the folder that holds it (with or without a tsconfig.json), or a tsconfig file',
      );
    }
    configFile = abs;
  } else if (files.directoryExistsSync(abs)) {
    const candidate = path.join(abs, 'tsconfig.json');
    if (files.fileExistsSync(candidate)) configFile = candidate;
  } else {
    throw new CliError(
      `no such file or folder: ${target}`,
      'VIMAGE_CLI_NO_PATH',
      2,
      'give a folder with a tsconfig.json, a tsconfig file, or a folder of sources',
    );
  }
  const start = configFile ? path.dirname(configFile) : abs;
  root = root === undefined ? projectRoot(start, files) : realpath(path.resolve(root));
  const selected = selection(root, start);
  const morph = configFile ? fromTsconfig(configFile, files) : fromFolder(abs, files, selected);
  const options = morph.getCompilerOptions();
  const modules = morph
    .getSourceFiles()
    .map((sf) => path.normalize(sf.getFilePath()))
    .filter(selected)
    .sort();
  if (!modules.length) {
    throw new CliError(
      `no modules in ${configFile ?? abs}`,
      'VIMAGE_CLI_NO_MODULES',
      1,
      configFile
        ? "check the tsconfig's files/include: they match no .ts/.js source"
        : 'the folder holds no .ts/.tsx/.js source files',
    );
  }
  const mrHost = morph.getModuleResolutionHost();
  const cache = ts.createModuleResolutionCache(root, (f) => f, options);
  return {
    root,
    configFile,
    files: modules,
    options,
    morph,
    read(file) {
      try {
        return files.readFileSync(file, 'utf-8');
      } catch {
        return undefined;
      }
    },
    syntaxError(file) {
      const sf = morph.getSourceFile(file)?.compilerNode;
      return sf && firstSyntaxError(sf, file, 'correct the syntax here');
    },
    resolve(source, importer) {
      // vimage rewrites ESM imports only: they resolve as imports (NodeNext's `import` condition).
      const r = ts.resolveModuleName(
        source,
        importer,
        options,
        mrHost,
        cache,
        undefined,
        ts.ModuleKind.ESNext,
      ).resolvedModule;
      if (!r || r.isExternalLibraryImport || !selected(r.resolvedFileName)) return undefined;
      return path.normalize(r.resolvedFileName);
    },
  };
}

/**
 * The folder symbols are relative to, as the plugin's `root` defaults to the folder a build runs
 * in: the nearest folder upward from `start` that holds a package.json, else `start`. So
 * `vimage set src` prints the symbols that `vnet.get()` takes in the built program.
 */
function projectRoot(start: string, files: Files): string {
  for (let d = start; ; d = path.dirname(d)) {
    if (files.fileExistsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return start;
  }
}

/**
 * The plugin's filter with its defaults (TypeScript and JavaScript sources, no declaration
 * files, nothing under node_modules), so that the CLI reads the modules a build transforms. A
 * folder inside node_modules is a package asked for by name: only node_modules below it is left
 * out.
 */
function selection(root: string, dir: string): (file: string) => boolean {
  const inside = /[\\/]node_modules[\\/]/.test(dir + path.sep);
  const quoted = dir.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  const below = new RegExp(`^${quoted}(?:[\\\\/].*)?[\\\\/]node_modules[\\\\/]`);
  return pluginConfig({ root, ...(inside && { exclude: below }) }, 'cli').filter;
}

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function fromTsconfig(configFile: string, files: Files): Project {
  checkTsconfig(configFile, files);
  return new Project({
    tsConfigFilePath: configFile,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
  });
}

function fromFolder(dir: string, files: Files, selected: (file: string) => boolean): Project {
  const morph = new Project({
    compilerOptions: DEFAULTS,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
  });
  const walk = (d: string): void => {
    for (const e of files.readDirSync(d)) {
      const name = path.basename(e.name);
      const full = path.join(d, name);
      if (e.isDirectory && !SKIP_DIRS.has(name) && !name.startsWith('.')) walk(full);
      else if (e.isFile && selected(full)) morph.addSourceFileAtPath(full);
    }
  };
  walk(dir);
  return morph;
}
