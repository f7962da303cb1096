/**
 * The npm package as consumers get it, for the packaging tests (pack-contents, package-consumer
 * with the README examples, jsii-compat, api-docs): the tarball `npm pack` writes (built once per
 * sources, build-once.ts), npm's report of that pack, and its unpacked copy with the peer dependencies
 * linked from this repository's node_modules (no network; also built once per sources, shared,
 * read-only).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packedTarball, repoManifestText, unpackedPackage } from './build-once';

export const REPO_ROOT = path.join(__dirname, '..', '..');
export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** One file of `npm pack --json`'s report. */
export interface PackedFile {
  readonly path: string;
  readonly size: number;
  readonly mode: number;
}

/** `npm pack --json`'s report (the list `npm pack --dry-run --json` prints) of the tarball. */
export interface PackReport {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly bundled: readonly string[];
  readonly files: readonly PackedFile[];
}

/** The tarball's path (built and packed now if these sources were not packed before). */
export function tarball(): string {
  return packedTarball();
}

/** npm's report of the pack that wrote `tarball()`. */
export function packReport(): PackReport {
  const report = JSON.parse(fs.readFileSync(path.join(path.dirname(tarball()), 'pack.json'), 'utf-8')) as PackReport[];
  if (report.length !== 1) throw new Error(`expected one package in npm pack's report, found ${report.length}`);
  return report[0];
}

/**
 * The tarball unpacked (built once per sources, shared by the tests: only read it), with the peer
 * dependencies (cdk8s, constructs) linked into its node_modules beside the bundled
 * ones, as in a consumer's project: the package directory.
 */
export function unpackedTarball(): string {
  return unpackedPackage();
}

/** Symlinks `names` from this repository's node_modules into `<dir>/node_modules`. */
export function linkFromRepo(dir: string, names: readonly string[]): void {
  for (const name of names) {
    const link = path.join(dir, 'node_modules', name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', name), link, 'dir');
  }
}

/**
 * The repository's package.json; while an `npm pack` (another test run's) has its lifecycle
 * scripts stripped, the original that scripts/pack-manifest.ts keeps.
 */
export function repoManifest(): { [key: string]: any } {
  return JSON.parse(repoManifestText());
}

/** Room a scratch project may take in memory: the installed package and npm's copy of it are ~30 MB. */
const MEMORY_FS_MIN_FREE = 1024 * 1024 * 1024;

/**
 * A new temporary directory for a project that installs the package: in memory (Linux's
 * /dev/shm, a tmpfs) when it is there, writable and has room, else in os.tmpdir(). An install
 * writes ~3,000 files (npm unpacks the 13 MB tarball twice, once only to read its manifest) and
 * deletes a thousand; on the 2-core test machine's disk (ext4 without a journal, which scans the
 * recently deleted inodes on every file it creates) that cost ~2.5 CPU-seconds of kernel time per
 * install, on tmpfs almost none. The caller removes it.
 */
export function scratchDir(prefix: string): string {
  const shm = '/dev/shm';
  try {
    if (process.platform === 'linux' && fs.statSync(shm).isDirectory()) {
      fs.accessSync(shm, fs.constants.W_OK);
      const st = fs.statfsSync(shm);
      if (st.bavail * st.bsize >= MEMORY_FS_MIN_FREE) return fs.mkdtempSync(path.join(shm, prefix));
    }
  } catch {
    // no usable memory file system: the temp directory
  }
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
