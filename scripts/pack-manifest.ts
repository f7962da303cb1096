/**
 * Keeps lifecycle scripts out of the packed package.json.
 *
 * This repository needs `prepare` (npm ci and git installs build the package) and
 * `prepack`/`postpack` (npm pack builds first); a consumer's copy must not have them: they name
 * files the tarball does not ship, and npm warns about (or runs) install-time scripts of
 * dependencies. npm packs package.json as it is on disk after `prepack`, so:
 *
 *   prepack:  npm run build && node ... scripts/pack-manifest.ts strip
 *   postpack: node ... scripts/pack-manifest.ts restore
 *
 * `strip` keeps the original in node_modules/.cache/cdk8s-expose-pack/package.json and writes
 * package.json without the lifecycle scripts (every other field, and every other script, as it
 * was); `restore` puts them back. A package.json edited while the tarball was written keeps that
 * edit: only the removed scripts are put back into it. A pack that died between the two is
 * repaired by the next `strip` or `restore`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomically } from '../validation-plugin/src/atomic-file';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'package.json');
const BACKUP = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-expose-pack', 'package.json');

/** Scripts npm runs by itself: at install (of this package or a dependency), pack or publish. */
export const LIFECYCLE_SCRIPTS = [
  'preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare',
  'prepublishOnly', 'prepack', 'postpack', 'publish', 'postpublish', 'dependencies',
];

type Manifest = { scripts?: Record<string, string> } & Record<string, unknown>;

const format = (pkg: unknown) => `${JSON.stringify(pkg, null, 2)}\n`;

/** The manifest without lifecycle scripts (`scripts` dropped when nothing is left). */
export function stripped(pkg: Manifest): Manifest {
  const out: Manifest = { ...pkg };
  const scripts = Object.fromEntries(Object.entries(pkg.scripts ?? {}).filter(([name]) => !LIFECYCLE_SCRIPTS.includes(name)));
  if (Object.keys(scripts).length > 0) out.scripts = scripts;
  else delete out.scripts;
  return out;
}

/** Puts the removed lifecycle scripts back into package.json (in their original order); false when there was nothing to restore. */
export function restore(manifest = MANIFEST, backup = BACKUP): boolean {
  if (!fs.existsSync(backup)) return false;
  const originalText = fs.readFileSync(backup, 'utf-8');
  const original = JSON.parse(originalText) as Manifest;
  const currentText = fs.readFileSync(manifest, 'utf-8');
  if (currentText === format(stripped(original))) {
    writeFileAtomically(manifest, originalText);
  } else {
    // edited meanwhile: keep the edit, put back only what strip removed
    const current = JSON.parse(currentText) as Manifest;
    const merged: Record<string, string> = {};
    const lifecycle = Object.entries(original.scripts ?? {}).filter(([name]) => LIFECYCLE_SCRIPTS.includes(name));
    for (const [name, cmd] of Object.entries(original.scripts ?? {})) {
      if (LIFECYCLE_SCRIPTS.includes(name)) merged[name] = cmd;
      else if (current.scripts?.[name] !== undefined) merged[name] = current.scripts[name];
    }
    for (const [name, cmd] of Object.entries(current.scripts ?? {})) if (!(name in merged)) merged[name] = cmd;
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(original), ...Object.keys(current)])) {
      if (key === 'scripts') out.scripts = merged;
      else if (key in current) out[key] = current[key];
    }
    if (!('scripts' in out) && lifecycle.length > 0) out.scripts = merged;
    writeFileAtomically(manifest, format(out));
  }
  fs.rmSync(backup, { force: true });
  return true;
}

/** Writes package.json without lifecycle scripts, keeping the original for `restore`. */
export function strip(manifest = MANIFEST, backup = BACKUP): void {
  restore(manifest, backup); // an earlier pack that died before its postpack
  const text = fs.readFileSync(manifest, 'utf-8');
  writeFileAtomically(backup, text); // creates the backup's folder when missing
  writeFileAtomically(manifest, format(stripped(JSON.parse(text) as Manifest)));
}

if (require.main === module) {
  const command = process.argv[2];
  if (command === 'strip') strip();
  else if (command === 'restore') restore();
  else {
    process.stderr.write('usage: pack-manifest.ts strip|restore\n');
    process.exit(2);
  }
}
