/**
 * The npm package as consumers get it, for the packaging tests (pack-contents, package-consumer,
 * jsii-compat, api-docs): the tarball `npm pack` writes (built once per sources, build-once.ts),
 * npm's report of that pack, and unpacked copies with the dependencies linked from this
 * repository's node_modules (no network).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { packedTarball } from './build-once';

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

/** Extracts the tarball into `dir`; returns the package directory (`<dir>/package`). */
export function unpack(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', tarball(), '-C', dir]);
  return path.join(dir, 'package');
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
  const backup = path.join(REPO_ROOT, 'node_modules', '.cache', 'cdk8s-expose-pack', 'package.json');
  for (;;) {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf-8');
    // the backup exists from strip until restore: read after package.json, it covers both orders
    if (!fs.existsSync(backup)) return JSON.parse(text);
    try {
      return JSON.parse(fs.readFileSync(backup, 'utf-8'));
    } catch (e: any) {
      if (e.code !== 'ENOENT') throw e; // restored meanwhile: read package.json again
    }
  }
}
