/**
 * Replacing an output directory so that a failure, a kill or a concurrent run never loses it.
 *
 * POSIX has no atomic "replace a non-empty directory" (rename(2) only replaces an empty one, and
 * Node does not expose renameat2(RENAME_EXCHANGE)), so the swap is two renames on one file system:
 * `dist -> .dist-old-<pid>`, `staged -> dist`, then the backup is removed. Around it:
 *
 * - a lock (`.dist-swap.lock`, holding the owner's pid) serialises swaps of one target; a lock
 *   whose owner is dead is taken over, so a crashed run cannot leave it held;
 * - a journal (`.dist-swap-<pid>.json`) is written before the first rename and removed after the
 *   backup: recovery restores a backup only when a dead run's journal says its swap was
 *   interrupted, never a stale backup after the user deleted dist/ on purpose;
 * - `dist` as a symlink keeps the link: the directory it points to is replaced;
 * - per-run leftovers (`.dist-tmp-<pid>-*`, `.dist-run-<pid>`, `.dist-old-<pid>`) of dead runs are
 *   removed by `cleanupDeadRuns`.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Whether a process with this pid exists (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The directory a target path stands for: itself, or where it points when it is a symlink. */
export function resolveTarget(target: string): string {
  const abs = path.resolve(target);
  try {
    if (!fs.lstatSync(abs).isSymbolicLink()) return abs;
  } catch {
    return abs;
  }
  try {
    return fs.realpathSync(abs);
  } catch {
    // a dangling link: where it points
    return path.resolve(path.dirname(abs), fs.readlinkSync(abs));
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function names(target: string) {
  const dir = path.dirname(target);
  const base = path.basename(target);
  return {
    dir,
    lock: path.join(dir, `.${base}-swap.lock`),
    journal: (pid: number) => path.join(dir, `.${base}-swap-${pid}.json`),
    backup: (pid: number) => path.join(dir, `.${base}-old-${pid}`),
    /** per-run names, with the pid that owns them */
    perRun: new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(?:tmp|run|old|swap)-(\\d+)(?:-[^/]*)?(?:\\.json)?$`),
  };
}

/** A unique per-run directory name next to `target`: `.<base>-tmp-<pid>-<random>`. */
export function perRunDir(target: string): string {
  const abs = path.resolve(target);
  return path.join(path.dirname(abs), `.${path.basename(abs)}-tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
}

/** Runs `fn` holding the swap lock of `target` (the real directory, after resolveTarget). */
function withSwapLock<T>(target: string, fn: () => T, timeoutMs = 30_000): T {
  const { lock } = names(target);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = fs.openSync(lock, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner: number;
      try {
        owner = Number(fs.readFileSync(lock, 'utf-8'));
      } catch {
        continue; // released meanwhile
      }
      if (!processAlive(owner) || owner === process.pid) {
        // a crashed (or our own abandoned) swap: take the lock over, once
        const stale = `${lock}.${process.pid}.stale`;
        try {
          fs.renameSync(lock, stale);
          fs.rmSync(stale, { force: true });
        } catch {
          // someone else took it over first
        }
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} is held by process ${owner}`, { cause: e });
      sleep(20);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, errorOnExist: true, force: false });
}

/**
 * Replaces `target` with `staged` (a directory), keeping `target` intact on any failure.
 * `staged` no longer exists afterwards. A symlink `target` stays a link: its directory is
 * replaced (via a copy when `staged` is on another file system).
 */
export function replaceDirAtomically(staged: string, target: string): void {
  let stagedAbs = path.resolve(staged);
  const real = resolveTarget(target);
  if (!fs.statSync(stagedAbs).isDirectory()) throw new Error(`${staged} is not a directory`);
  if (path.dirname(stagedAbs) !== path.dirname(real)) {
    // Rename works within one file system only: stage a copy next to the real target.
    const near = path.join(path.dirname(real), `.${path.basename(real)}-tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    copyTree(stagedAbs, near);
    fs.rmSync(stagedAbs, { recursive: true, force: true });
    stagedAbs = near;
  }
  withSwapLock(real, () => {
    const n = names(real);
    const backup = n.backup(process.pid);
    const journal = n.journal(process.pid);
    fs.rmSync(backup, { recursive: true, force: true });
    const hadTarget = fs.existsSync(real);
    fs.writeFileSync(journal, JSON.stringify({ pid: process.pid, target: real, backup, staged: stagedAbs, hadTarget }));
    try {
      if (hadTarget) fs.renameSync(real, backup);
      try {
        fs.renameSync(stagedAbs, real);
      } catch (e) {
        if (hadTarget) fs.renameSync(backup, real);
        throw e;
      }
    } catch (e) {
      fs.rmSync(journal, { force: true });
      throw e;
    }
    try {
      fs.rmSync(backup, { recursive: true, force: true });
    } catch (e) {
      process.stderr.write(`warning: could not remove ${backup}: ${(e as Error).message}\n`);
    }
    fs.rmSync(journal, { force: true });
  });
}

/**
 * Finishes what dead runs left of a swap of `target`: when a journal says a swap was interrupted
 * between its two renames (target missing, backup present), restores the backup and returns its
 * path; otherwise removes the leftovers. A backup without a journal is never restored.
 */
export function recoverInterruptedSwap(target: string): string | undefined {
  const real = resolveTarget(target);
  const n = names(real);
  if (!fs.existsSync(n.dir)) return undefined;
  let restored: string | undefined;
  for (const name of fs.readdirSync(n.dir)) {
    const m = /-swap-(\d+)\.json$/.exec(name);
    if (!m || !name.startsWith(`.${path.basename(real)}-swap-`)) continue;
    const pid = Number(m[1]);
    if (processAlive(pid) && pid !== process.pid) continue;
    const file = path.join(n.dir, name);
    try {
      const j = JSON.parse(fs.readFileSync(file, 'utf-8')) as { backup: string; staged: string; hadTarget: boolean };
      if (j.hadTarget && !fs.existsSync(real) && fs.existsSync(j.backup)) {
        fs.renameSync(j.backup, real);
        restored = j.backup;
      }
    } catch {
      // unreadable journal: nothing to restore from it
    }
    fs.rmSync(file, { force: true });
  }
  return restored;
}

/**
 * Removes per-run leftovers next to `target` whose run is dead: `.<base>-tmp-<pid>-*`,
 * `.<base>-run-<pid>`, `.<base>-old-<pid>` (after recoverInterruptedSwap had its chance).
 * Returns the removed paths.
 */
export function cleanupDeadRuns(target: string): string[] {
  const removed: string[] = [];
  for (const t of new Set([path.resolve(target), resolveTarget(target)])) {
    const n = names(t);
    if (!fs.existsSync(n.dir)) continue;
    for (const name of fs.readdirSync(n.dir)) {
      const m = n.perRun.exec(name);
      if (!m || name.endsWith('.json')) continue;
      const pid = Number(m[1]);
      if (pid === process.pid || processAlive(pid)) continue;
      fs.rmSync(path.join(n.dir, name), { recursive: true, force: true });
      removed.push(path.join(n.dir, name));
    }
  }
  return removed;
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
