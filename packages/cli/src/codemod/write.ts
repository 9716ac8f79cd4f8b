import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes every file or none: each new text goes to a temporary file beside its target (same
 * file system, so the rename is atomic), and only when all are written are they renamed over
 * the originals. A reader never sees a half-written file.
 */
export function writeAll(files: { file: string; code: string }[]): void {
  const temps: { temp: string; file: string }[] = [];
  try {
    for (const { file, code } of files) {
      const temp = path.join(
        path.dirname(file),
        `.${path.basename(file)}.vimage-${randomBytes(4).toString('hex')}.tmp`,
      );
      temps.push({ temp, file });
      fs.writeFileSync(temp, code, { mode: fs.statSync(file).mode });
    }
  } catch (error) {
    for (const { temp } of temps) fs.rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, file } of temps) fs.renameSync(temp, file);
}
