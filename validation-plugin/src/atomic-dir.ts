/**
 * Replacing an output directory so that a failure never loses the previous one.
 *
 * POSIX has no atomic "replace a non-empty directory" (rename(2) only replaces an empty one, and
 * Node does not expose renameat2(RENAME_EXCHANGE)), so the swap is two renames on one file system:
 * `dist -> .dist-old-<pid>`, `staged -> dist`, then the backup is removed. If the second rename
 * fails the backup is renamed back. A crash between the two renames (a window of microseconds)
 * leaves `dist` missing and `.dist-old-<pid>` complete; `recoverInterruptedSwap` puts it back and
 * the safe synth calls it before anything else.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

function backupPrefix(target: string): string {
  return `.${path.basename(target)}-old-`;
}

/**
 * Replaces `target` with `staged` (a directory on the same file system), keeping `target` intact
 * on any failure. `staged` no longer exists afterwards.
 */
export function replaceDirAtomically(staged: string, target: string): void {
  const stagedAbs = path.resolve(staged);
  const targetAbs = path.resolve(target);
  if (!fs.statSync(stagedAbs).isDirectory()) throw new Error(`${staged} is not a directory`);
  const backup = path.join(path.dirname(targetAbs), `${backupPrefix(targetAbs)}${process.pid}`);
  fs.rmSync(backup, { recursive: true, force: true });
  const hadTarget = fs.existsSync(targetAbs);
  if (hadTarget) fs.renameSync(targetAbs, backup);
  try {
    fs.renameSync(stagedAbs, targetAbs);
  } catch (e) {
    if (hadTarget) fs.renameSync(backup, targetAbs);
    throw e;
  }
  if (hadTarget) {
    try {
      fs.rmSync(backup, { recursive: true, force: true });
    } catch (e) {
      process.stderr.write(`warning: could not remove ${backup}: ${(e as Error).message}\n`);
    }
  }
}

/**
 * If a previous swap was interrupted between its two renames (`target` missing, a
 * `.<target>-old-<pid>` backup present), restores the newest backup. Returns the restored path.
 */
export function recoverInterruptedSwap(target: string): string | undefined {
  const targetAbs = path.resolve(target);
  if (fs.existsSync(targetAbs)) return undefined;
  const dir = path.dirname(targetAbs);
  if (!fs.existsSync(dir)) return undefined;
  const backups = fs.readdirSync(dir)
    .filter(n => n.startsWith(backupPrefix(targetAbs)))
    .map(n => path.join(dir, n))
    .filter(p => fs.statSync(p).isDirectory())
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (backups.length === 0) return undefined;
  fs.renameSync(backups[0], targetAbs);
  return backups[0];
}

/** Relative paths and SHA-256 of every file under `dir`, sorted: a fingerprint of a directory tree. */
export function treeDigest(dir: string): { file: string; sha256: string }[] {
  const out: { file: string; sha256: string }[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push({ file: path.relative(dir, p).split(path.sep).join('/'), sha256: crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex') });
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
