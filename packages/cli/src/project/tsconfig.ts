import fs from 'node:fs';
import path from 'node:path';
import { ts, type FileSystemHost } from 'ts-morph';
import { codeFrame } from '@vimage/transform';
import { CliError } from '../errors.js';

export type Files = Pick<
  FileSystemHost,
  'readFileSync' | 'fileExistsSync' | 'directoryExistsSync' | 'readDirSync'
>;

const disk: Pick<Files, 'readFileSync' | 'fileExistsSync'> = {
  readFileSync: (p) => fs.readFileSync(p, 'utf8'),
  fileExistsSync: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false,
};

/**
 * Throws the tsconfig's first problem (not JSON, an unknown option, a bad `extends`) as
 * `file:line:column` with a code frame. Parsed from the text, not an object as ts-morph does,
 * so that every error keeps its place.
 */
export function checkTsconfig(
  configFile: string,
  files: Pick<Files, 'readFileSync' | 'fileExistsSync'> = disk,
): void {
  const text = files.readFileSync(configFile, 'utf-8');
  const parsed = ts.parseConfigFileTextToJson(configFile, text);
  if (parsed.error) throw configError(parsed.error, configFile, text);
  const parseHost: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    readDirectory: () => [],
    fileExists: (f) => files.fileExistsSync(f),
    readFile: (f) => {
      try {
        return files.readFileSync(f, 'utf-8');
      } catch {
        return undefined;
      }
    },
  };
  const { errors } = ts.parseJsonSourceFileConfigFileContent(
    ts.parseJsonText(configFile, text),
    parseHost,
    path.dirname(configFile),
    undefined,
    configFile,
  );
  // "No inputs were found" (no folder is read here) is the caller's to report, with its fix.
  const first = errors.find((e) => e.code !== 18003);
  if (first) throw configError(first, configFile, text);
}

function configError(d: ts.Diagnostic, configFile: string, text: string): CliError {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  const file = d.file?.fileName ?? configFile;
  let where: { file: string; line: number; column: number } | undefined;
  let frame: string | undefined;
  if (d.start !== undefined) {
    const source = d.file?.text ?? text;
    const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest);
    const lc = sf.getLineAndCharacterOfPosition(d.start);
    where = { file, line: lc.line + 1, column: lc.character + 1 };
    frame = codeFrame(source, lc.line + 1, lc.character);
  }
  return new CliError(
    `broken tsconfig: TS${d.code}: ${message}`,
    'VIMAGE_CLI_TSCONFIG',
    1,
    `correct ${path.basename(file)} here: it must be a tsconfig that tsc accepts`,
    where,
    frame,
  );
}
