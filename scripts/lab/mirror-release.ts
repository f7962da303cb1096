/**
 * lab:up with a mirror registry (lab/mirror.ts): a release manifest (cert-manager's, Envoy
 * Gateway's) is downloaded with curl into a temporary directory and every image reference in it
 * re-pointed to the mirror (mirrorManifest, the same mirrorImage as the lab's own output) before
 * kubectl applies that file.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LabMirror, mirrorManifest } from '../../lab/mirror';
import { firstLine, LabIo, run } from './common';

/** Where `--print` says the file goes (lab:up makes a fresh temporary directory). */
export const DOWNLOAD_DIR = '<temporary directory>';

/** The file name a downloaded manifest gets: the URL's last path segment. */
export function downloadName(url: string): string {
  return url.replace(/[?#].*$/, '').split('/').filter(Boolean).pop() ?? 'manifest.yaml';
}

/** The curl arguments lab:up downloads `url` to `file` with (`--max-time` with a timeout). */
export function downloadArgs(url: string, file: string, timeout?: number): string[] {
  return ['-fsSL', ...(timeout === undefined ? [] : ['--max-time', String(timeout)]), '-o', file, url];
}

/** A downloaded manifest with its images re-pointed: the file to apply, or why there is none. */
export type Rewritten = { readonly file: string; readonly cleanup: () => void } | { readonly problem: string };

/** Downloads `url`, re-points its images to `mirror` and writes it to a temporary file (cleanup() removes it). */
export function downloadRewritten(io: LabIo, url: string, mirror: LabMirror, timeout: number): Rewritten {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-lab-release-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, downloadName(url));
  const r = run(io, 'curl', downloadArgs(url, file, timeout), timeout + Math.min(30, timeout));
  if (r.code !== 0 || !fs.existsSync(file)) {
    cleanup();
    return { problem: `curl ${url} failed: ${r.timedOut ? `did not return within ${timeout}s` : firstLine(r) || `exit ${r.code}`}` };
  }
  const rewritten = mirrorManifest(fs.readFileSync(file, 'utf8'), mirror);
  if (rewritten.images.length === 0) {
    cleanup();
    return { problem: `${url} has no image reference: not a release manifest?` };
  }
  fs.writeFileSync(file, rewritten.text);
  const images = [...new Set(rewritten.images.map(i => i.to))].sort();
  io.out(`  ${rewritten.images.length} image references re-pointed to ${mirror.registry}: ${images.join(', ')}\n`);
  return { file, cleanup };
}
