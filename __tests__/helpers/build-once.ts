/**
 * Builds that several integration tests (and consecutive `npm test` runs) share: the packed
 * tarball (with the jsii assembly its build writes), its unpacked copy, what jsii-pacmak generates
 * from it. Each is built once per content of the repository's sources and kept in
 * node_modules/.cache/cdk8s-expose-tests/<name>-<hash>/; a worker that finds another one building
 * waits for it. A failed build is never kept. `CDK8S_EXPOSE_TEST_CACHE=off` builds afresh in a
 * temporary directory, once per test file.
 *
 * The hash covers every file of the repository that can reach a build (sources, imports,
 * schemas, package.json, package-lock.json (so every tool's locked version), tsconfig files,
 * README, scripts...), skipping what builds and tests write (node_modules, lib, dist, __tests__,
 * .dist-*), and Node's version; plus, per build, the `inputs` its caller names (a test's own
 * command line: __tests__ is not in the hash).
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TEST_CACHE_ROOT, cacheEnabled } from './test-cache';

const ROOT = path.join(__dirname, '..', '..');
const CACHE = TEST_CACHE_ROOT;
const SKIP_DIRS = new Set(['node_modules', '.git', 'lib', 'dist', '__tests__', 'coverage', 'cdk.out', 'helm', '.lab-certs', '.jsii', '.jsii.gz']);
const WAIT_MS = 10 * 60_000;
const MANIFEST = path.join(ROOT, 'package.json');

let inputsHash: string | undefined;

/**
 * The repository's package.json as committed: while an `npm pack` has its lifecycle scripts
 * stripped (scripts/pack-manifest.ts, between prepack and postpack), the original it keeps. The
 * backup exists from strip until restore, so read after package.json it covers both orders. Without
 * this, a worker that hashed the sources during another worker's pack got another key and packed
 * at the same time: the two strips and restores interleaved and a tarball kept the lifecycle scripts.
 */
export function repoManifestText(): string {
  const backup = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-expose-pack', 'package.json');
  for (;;) {
    const text = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8');
    if (!fs.existsSync(backup)) return text;
    try {
      return fs.readFileSync(backup, 'utf-8');
    } catch (e: any) {
      if (e.code !== 'ENOENT') throw e; // restored meanwhile: read package.json again
    }
  }
}

/** sha256 of every input file's path and content, in path order (package.json as committed). */
export function sourcesHash(): string {
  if (inputsHash) return inputsHash;
  const hash = createHash('sha256').update(process.version);
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = new Set(entries.map(e => e.name));
    for (const e of entries) {
      if (SKIP_DIRS.has(e.name) || e.name.startsWith('.dist') || e.name.endsWith('.tgz')) continue;
      // the JavaScript scripts/compile.js writes beside a .ts (git-ignored): the .ts is hashed, and
      // the .js appears mid-run on a fresh clone, when a test first starts a script
      if (e.name.endsWith('.js') && names.has(`${e.name.slice(0, -3)}.ts`)) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) hash.update(`${path.relative(ROOT, full)}\0`).update(full === MANIFEST ? repoManifestText() : fs.readFileSync(full)).update('\0');
    }
  };
  walk(ROOT);
  return (inputsHash = hash.digest('hex').slice(0, 16));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}

export { cacheEnabled };

/** A build to make: write into `tmp`, then finish(). */
interface Claim {
  readonly tmp: string;
  /** Keeps what was built (true) or throws it away (false); frees the lock. The built directory. */
  finish(ok: boolean): string;
}

/** With the cache off: what this test file built already, by name and inputs; removed after its tests. */
const builtHere = new Map<string, string>();
if (typeof afterAll === 'function') {
  afterAll(() => {
    for (const dir of builtHere.values()) fs.rmSync(dir, { recursive: true, force: true });
    builtHere.clear();
  });
}

/**
 * The built directory when it exists (or another worker built it while this one waited), else
 * the claim to build it (this worker holds the lock).
 */
function claim(name: string, inputs: string): string | Claim {
  if (!cacheEnabled()) {
    const id = `${name}\0${inputs}`;
    const built = builtHere.get(id);
    if (built) return built;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-expose-${name}-`));
    return {
      tmp: dir,
      finish: ok => {
        if (ok) builtHere.set(id, dir);
        else fs.rmSync(dir, { recursive: true, force: true });
        return dir;
      },
    };
  }
  const key = inputs === '' ? sourcesHash() : createHash('sha256').update(`${sourcesHash()}\0${inputs}`).digest('hex').slice(0, 16);
  const dir = path.join(CACHE, `${name}-${key}`);
  const lock = `${dir}.lock`;
  fs.mkdirSync(CACHE, { recursive: true });
  const started = Date.now();
  for (;;) {
    if (fs.existsSync(dir)) return dir;
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e: any) {
      if (e.code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (owner === process.pid) throw new Error(`${name} is being built by this process already (an unawaited buildOnceAsync?)`, { cause: e });
      if (owner && !alive(owner)) fs.rmSync(lock, { recursive: true, force: true }); // its builder died
      else if (Date.now() - started > WAIT_MS) throw new Error(`waited ${WAIT_MS / 1000} s for ${lock}`, { cause: e });
      else sleep(200);
    }
  }
  const unlock = () => fs.rmSync(lock, { recursive: true, force: true });
  let tmp: string;
  try {
    fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
    if (fs.existsSync(dir)) {
      unlock();
      return dir;
    }
    tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp);
  } catch (e) {
    unlock();
    throw e;
  }
  return {
    tmp,
    finish: ok => {
      try {
        if (!ok) {
          fs.rmSync(tmp, { recursive: true, force: true });
          return dir;
        }
        fs.renameSync(tmp, dir);
        // older builds of the same name are dead weight
        const sameName = new RegExp(`^${name}-[0-9a-f]{16}$`);
        for (const old of fs.readdirSync(CACHE)) {
          if (sameName.test(old) && path.join(CACHE, old) !== dir) fs.rmSync(path.join(CACHE, old), { recursive: true, force: true });
        }
        return dir;
      } finally {
        unlock();
      }
    },
  };
}

/**
 * The directory `build` filled for the current sources (and `inputs`, what else the build's
 * result depends on: e.g. the command line of a tool the test runs): built now if no run built
 * it before. `build` gets an empty directory and must throw when the build fails. The directory
 * is shared by every test and run with the same key: read it, never write into it.
 */
export function buildOnce(name: string, build: (dir: string) => void, inputs = ''): string {
  const c = claim(name, inputs);
  if (typeof c === 'string') return c;
  try {
    build(c.tmp);
  } catch (e) {
    c.finish(false);
    throw e;
  }
  return c.finish(true);
}

/** buildOnce with a build that returns a promise. */
export async function buildOnceAsync(name: string, build: (dir: string) => Promise<void>, inputs = ''): Promise<string> {
  const c = claim(name, inputs);
  if (typeof c === 'string') return c;
  try {
    await build(c.tmp);
  } catch (e) {
    c.finish(false);
    throw e;
  }
  return c.finish(true);
}

/**
 * `npm pack` of the repository (its "prepack" builds lib/ and .jsii), once per sources: the
 * tarball's path. npm's `--json` report of that pack (the file list `npm pack --dry-run --json`
 * prints) is kept beside it as pack.json.
 */
export function packedTarball(): string {
  const dir = buildOnce('pack', out => {
    const report = execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', '--json', '--pack-destination', out], { cwd: ROOT, stdio: 'pipe' });
    fs.writeFileSync(path.join(out, 'pack.json'), report);
  });
  const tarballs = fs.readdirSync(dir).filter(f => f.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`expected one tarball in ${dir}, found ${tarballs.join(', ') || 'none'}`);
  return path.join(dir, tarballs[0]);
}

/** The peers a consumer's project has next to the package (what `npm install` needs them for). */
export const PEERS = ['cdk8s', 'constructs'] as const;

/**
 * The tarball unpacked as npm would install it (`<dir>/package`), with its peer dependencies
 * symlinked from this repository's node_modules into `<dir>/package/node_modules` (beside the
 * bundled ones), once per sources: the package directory. Shared by the packaging tests, which
 * only read it (unpacking the 13 MB, 1,000 files cost each of them about a CPU-second).
 */
export function unpackedPackage(): string {
  const tgz = packedTarball();
  const dir = buildOnce('unpacked', out => {
    execFileSync('tar', ['-xzf', tgz, '-C', out]);
    for (const name of PEERS) {
      const link = path.join(out, 'package', 'node_modules', name);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(path.join(ROOT, 'node_modules', name), link, 'dir');
    }
  });
  return path.join(dir, 'package');
}
