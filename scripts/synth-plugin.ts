/**
 * Keeps the compiled validation plugin (validation-plugin/lib, git-ignored) in step with its
 * TypeScript source. `npm ci` builds it through the root `prepare` script; this rebuilds it when a
 * source file is newer than the build (after an edit or a `git pull`), so neither the safe synth
 * nor the tests run a stale plugin.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { replaceDirAtomically } from '../validation-plugin/src/atomic-dir';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const PLUGIN_DIR = path.join(REPO_ROOT, 'validation-plugin');
export const CDK8S_CLI = path.join(REPO_ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');

function newestMtime(dir: string, ext: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p, ext));
    else if (e.name.endsWith(ext)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** True when validation-plugin/lib is missing or older than its sources or tsconfig. */
export function pluginIsStale(): boolean {
  const built = path.join(PLUGIN_DIR, 'lib', 'index.js');
  if (!fs.existsSync(built)) return true;
  const sources = Math.max(
    newestMtime(path.join(PLUGIN_DIR, 'src'), '.ts'),
    fs.statSync(path.join(PLUGIN_DIR, 'tsconfig.json')).mtimeMs,
    fs.statSync(path.join(PLUGIN_DIR, 'package.json')).mtimeMs,
  );
  return sources > newestMtime(path.join(PLUGIN_DIR, 'lib'), '.js');
}

/**
 * Compiles the plugin with the project's TypeScript when it is stale; returns whether it did.
 * Builds into a fresh directory and swaps it in, so a concurrent `cdk8s synth` (parallel test
 * workers) never loads a half-written lib/ and files of deleted sources do not linger.
 */
export function ensurePluginBuilt(log: (msg: string) => void = () => undefined, force = false): boolean {
  if (!force && !pluginIsStale()) return false;
  log('building validation-plugin (tsc)');
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const tmp = path.join(PLUGIN_DIR, `.lib-tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(PLUGIN_DIR, 'tsconfig.json'), '--outDir', tmp], { stdio: ['ignore', 'inherit', 'inherit'] });
    replaceDirAtomically(tmp, path.join(PLUGIN_DIR, 'lib'));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return true;
}

// `npm run build:plugin` (and so `prepare`, run by `npm ci` and `npm pack`): always rebuild, atomically.
if (require.main === module) {
  ensurePluginBuilt(msg => process.stderr.write(`${msg}\n`), true);
}
