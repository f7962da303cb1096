/**
 * The scripts run as the JavaScript tsc compiles beside their TypeScript (`scripts/synth.ts` ->
 * `scripts/synth.js`, `main.ts` -> `main.js`, as cdk8s's TypeScript template does; git ignores the
 * .js files). Every script command preloads this file:
 *
 *   node -r ./scripts/compile.js scripts/synth.js
 *
 * Before Node loads the script, it checks that every TypeScript file tsconfig.compile.json includes
 * has its .js, written after the .ts and the tsconfig files last changed, and runs tsc when one has
 * not (incremental, without type-checking: `npm run typecheck` checks). It also removes the .js of
 * a .ts that is gone, so a moved module cannot be loaded from its old place. A check that finds
 * everything compiled costs a few milliseconds of stat calls; a compile after an edit, a few seconds.
 * `node scripts/compile.js` compiles alone (`--force`: even when nothing changed).
 *
 * Plain JavaScript, so that running it needs no compile. Concurrent processes (parallel tests) take
 * turns through a lock directory; the one that compiles writes, the others wait and re-check.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CONFIG = path.join(ROOT, 'tsconfig.compile.json');
const BASE_CONFIG = path.join(ROOT, 'tsconfig.json');
/** This checkout's state (per path: a linked node_modules may be shared between checkouts). */
const STATE = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-expose-compile', ROOT.replace(/[^A-Za-z0-9]+/g, '-'));
/** When the last compile that succeeded started (mtime), and which .js files tsc wrote (content). */
const STAMP = path.join(STATE, 'compiled.json');
const LOCK = path.join(STATE, 'lock');
const BUILD_INFO = path.join(STATE, 'tsbuildinfo');
const LOCK_STALE_MS = 5 * 60_000;

/** tsconfig.compile.json without its `//` comment lines. */
function readConfig() {
  return JSON.parse(fs.readFileSync(CONFIG, 'utf-8').replace(/^\s*\/\/.*$/gm, ''));
}

/**
 * Every .ts file (not .d.ts) the config's `include` names (`dir/**\/*.ts` patterns and single
 * files), each with whether its .js is there.
 */
function sources() {
  const found = [];
  const walk = dir => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    const names = new Set(entries.map(e => e.name));
    for (const e of entries) {
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(`${dir}/${e.name}`);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        found.push({ ts: `${dir}/${e.name}`, hasJs: names.has(`${e.name.slice(0, -3)}.js`) });
      }
    }
  };
  for (const pattern of readConfig().include) {
    if (pattern.endsWith('/**/*.ts')) walk(path.join(ROOT, pattern.slice(0, -'/**/*.ts'.length)));
    else found.push({ ts: path.join(ROOT, pattern), hasJs: fs.existsSync(jsOf(path.join(ROOT, pattern))) });
  }
  return found;
}

function jsOf(ts) {
  return `${ts.slice(0, -3)}.js`;
}
const changed = st => Math.max(st.mtimeMs, st.ctimeMs);

function readStamp() {
  try {
    return { startedMs: fs.statSync(STAMP).mtimeMs, emitted: JSON.parse(fs.readFileSync(STAMP, 'utf-8')).emitted };
  } catch {
    return { startedMs: 0, emitted: [] };
  }
}

/** What is out of date: `missing` (a .ts without its .js), `newer` (a .ts or config changed since the last compile). */
function check() {
  const stamp = readStamp();
  const ts = sources();
  const missing = ts.some(f => !f.hasJs);
  let newer = Math.max(changed(fs.statSync(CONFIG)), changed(fs.statSync(BASE_CONFIG))) > stamp.startedMs;
  for (const f of ts) {
    if (newer) break;
    newer = changed(fs.statSync(f.ts)) > stamp.startedMs;
  }
  const present = new Set(ts.map(f => path.relative(ROOT, jsOf(f.ts))));
  const orphans = stamp.emitted.filter(js => !present.has(js));
  return { missing, newer, orphans, stamp };
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock(fn) {
  fs.mkdirSync(STATE, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > LOCK_STALE_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      sleep(100);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Runs tsc on tsconfig.compile.json (`fresh`: without the last build's info); returns the .js files it wrote, relative to the repository. */
function tsc(fresh) {
  if (fresh) fs.rmSync(BUILD_INFO, { force: true });
  const bin = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  let out;
  try {
    out = require('child_process').execFileSync(process.execPath, [bin, '-p', CONFIG, '--incremental', '--tsBuildInfoFile', BUILD_INFO, '--listEmittedFiles'], {
      cwd: ROOT, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (e) {
    process.stderr.write(`${e.stdout ?? ''}`);
    throw new Error('compile: tsc failed (above); the scripts were not run', { cause: e });
  }
  return out.split('\n').filter(l => l.startsWith('TSFILE: ')).map(l => path.relative(ROOT, l.slice('TSFILE: '.length).trim()))
    .filter(f => f.endsWith('.js'));
}

/** Compiles when a TypeScript file or config changed (or always, with `force`); returns whether tsc ran. */
function ensureCompiled(force = false) {
  const first = check();
  if (!force && !first.missing && !first.newer && first.orphans.length === 0) return false;
  return withLock(() => {
    const now = check();
    const emitted = new Set(now.stamp.emitted);
    for (const js of now.orphans) {
      fs.rmSync(path.join(ROOT, js), { force: true });
      emitted.delete(js);
    }
    const compile = force || now.missing || now.newer;
    if (compile) {
      const started = new Date();
      process.stderr.write('compile: tsc -p tsconfig.compile.json (TypeScript changed since the last compile)\n');
      for (const js of tsc(force)) emitted.add(js);
      // an incremental build re-emits only what changed since its build info: a .js deleted by
      // hand is still missing after it, and a build without the info writes it
      if (check().missing) for (const js of tsc(true)) emitted.add(js);
      fs.writeFileSync(STAMP, JSON.stringify({ emitted: [...emitted].sort() }));
      // edits made while tsc ran are newer than this, so the next check compiles them
      fs.utimesSync(STAMP, started, started);
    } else {
      const kept = fs.existsSync(STAMP) ? fs.statSync(STAMP).mtime : new Date(0);
      fs.writeFileSync(STAMP, JSON.stringify({ emitted: [...emitted].sort() }));
      fs.utimesSync(STAMP, kept, kept);
    }
    return compile;
  });
}

// preloaded (`node -r`) or run alone (also by the tests' global setup)
try {
  ensureCompiled(require.main === module && process.argv.includes('--force'));
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
