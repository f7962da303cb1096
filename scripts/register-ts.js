/**
 * A TypeScript loader for the lab app and the synth scripts, cheaper than tsx: `node -r
 * ./scripts/register-ts.js main.ts`. Each .ts file is compiled once with swc (the compiler the
 * jest config uses, same options) into node_modules/.cache/cdk8s-expose/ts/, keyed by the file's
 * path, size and modification time; later runs only stat the file and read the cached JavaScript.
 * No worker thread, no ESM loader round trips (tsx spent about 235 ms of the lab's synth on those).
 *
 * Type errors are not checked here (as with tsx): `npm run typecheck` does that.
 * CommonJS only; plain JavaScript so that loading the loader needs no loader.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = process.env.CDK8S_EXPOSE_CACHE_DIR || path.join(__dirname, '..', 'node_modules', '.cache', 'cdk8s-expose');
const cacheDir = path.join(root, 'ts');
const SWC_OPTIONS = { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
let swc;
let salt;

function compile(source, filename) {
  swc = swc || require('@swc/core');
  return swc.transformSync(source, { ...SWC_OPTIONS, filename }).code;
}

function load(module, filename) {
  const st = fs.statSync(filename);
  salt = salt || `${require('@swc/core/package.json').version}\0${JSON.stringify(SWC_OPTIONS)}`;
  const key = crypto.createHash('sha1').update(`${salt}\0${filename}\0${st.size}\0${st.mtimeMs}\0${st.ctimeMs}`).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf-8');
  } catch {
    code = compile(fs.readFileSync(filename, 'utf-8'), filename);
    const tmp = `${cached}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      fs.writeFileSync(tmp, code);
      fs.renameSync(tmp, cached);
    } catch {
      fs.rmSync(tmp, { force: true });
    }
  }
  module._compile(code, filename);
}

require.extensions['.ts'] = load;
