import { ts } from 'ts-morph';
import { codeFrame } from '@vimage/transform';
import type { ModuleError } from '../errors.js';

/**
 * The first parse error of a file, kept by TypeScript on the source file, not reported by ts-morph.
 */
export function firstSyntaxError(
  sf: ts.SourceFile,
  file: string,
  hint: string,
): ModuleError | undefined {
  const d = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] })
    .parseDiagnostics?.[0];
  if (!d) return undefined;
  const lc = sf.getLineAndCharacterOfPosition(d.start);
  return {
    code: 'VIMAGE_SYNTAX',
    message: `syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    hint,
    file,
    line: lc.line + 1,
    column: lc.character + 1,
    frame: codeFrame(sf.text, lc.line + 1, lc.character),
  };
}
