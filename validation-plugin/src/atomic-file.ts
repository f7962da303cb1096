/**
 * Writing one file so that a reader (or a concurrent writer) sees the old bytes or the new ones,
 * never a part: the validator cache, and scripts/pack-manifest.ts for package.json.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes `data` to `file` through a temporary file beside it (`<file>.<pid>-<random>.tmp`, so
 * concurrent writers never share one) renamed over it: rename(2) replaces a file atomically within
 * one file system. Creates the parent folder when it is missing. On failure the temporary file is
 * removed and the error thrown; `file` keeps its old content.
 */
export function writeFileAtomically(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
