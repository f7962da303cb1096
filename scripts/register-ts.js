/**
 * A TypeScript loader for the lab app and the synth scripts, cheaper than tsx: `node -r
 * ./scripts/register-ts.js main.ts`. Each .ts file is compiled once with swc (the compiler the
 * jest config uses, same options) into node_modules/.cache/cdk8s-expose/ts/, keyed by the file's
 * path, size and modification time; later runs only stat the file and read the cached JavaScript.
 * No worker thread, no ESM loader round trips (tsx spent about 235 ms of the lab's synth on those).
 *
 * Where Node has `module.enableCompileCache()` (22.1+), V8's compiled code of every module is kept
 * too (node_modules/.cache/cdk8s-expose/node-compile-cache).
 *
 * Type errors are not checked here (as with tsx): `npm run typecheck` does that.
 * CommonJS only; plain JavaScript so that loading the loader needs no loader.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');

const root = process.env.CDK8S_EXPOSE_CACHE_DIR || path.join(__dirname, '..', 'node_modules', '.cache', 'cdk8s-expose');
const SWC_OPTIONS = { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
const sha1 = text => crypto.createHash('sha1').update(text).digest('hex');
const statKey = (filename, st) => `${filename}\0${st.size}\0${st.mtimeMs}\0${st.ctimeMs}`;

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

// --- TypeScript ---------------------------------------------------------------------------
let swc;
let salt;
require.extensions['.ts'] = function loadTs(module, filename) {
  const st = fs.statSync(filename);
  salt = salt || `${require('@swc/core/package.json').version}\0${JSON.stringify(SWC_OPTIONS)}`;
  const cached = path.join(root, 'ts', `${sha1(`${salt}\0${statKey(filename, st)}`)}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf-8');
  } catch {
    swc = swc || require('@swc/core');
    code = swc.transformSync(fs.readFileSync(filename, 'utf-8'), { ...SWC_OPTIONS, filename }).code;
    writeAtomically(cached, code);
  }
  module._compile(code, filename);
};

// --- V8 code cache -----------------------------------------------------------------------
// Node 22.1+ keeps compiled code between runs by itself (used for modules outside the pack). On
// Node 20 a hand-made cache per module (vm.Script cachedData for every module) was measured and
// dropped: deserialising ~4 MB of cached code for cdk8s-plus-27 cost as much CPU as compiling it
// lazily (600 vs 610 ms per lab synth).
if (typeof Module.enableCompileCache === 'function') Module.enableCompileCache(path.join(root, 'node-compile-cache'));

// --- Module pack ---------------------------------------------------------------------------
// What does pay: the modules a script loads, as one file with one code cache, and their
// resolutions (scripts/module-pack.js). Keyed by the compiler and the loader files themselves.
salt = `${require('@swc/core/package.json').version}\0${JSON.stringify(SWC_OPTIONS)}`;
const loaderFiles = [__filename, path.join(__dirname, 'module-pack.js')].map(f => {
  const st = fs.statSync(f);
  return `${f}\0${st.size}\0${st.mtimeMs}`;
});
require('./module-pack').install(path.join(root, 'packs'), path.resolve(__dirname, '..'), `${salt}\0${loaderFiles.join('\0')}`);
