/**
 * The module pack of scripts/register-ts.js: every CommonJS module a script loaded (its own
 * TypeScript as swc compiled it, cdk8s, cdk8s-plus-27, their dependencies), kept as one JavaScript
 * file with V8's code cache of it, and how each `require` resolved. A later run of the same script
 * whose files are unchanged (sizes and modification times) loads its modules from
 * there: one file read and one cached compile instead of a few hundred file lookups, reads and
 * compiles (about 0.1 s of a lab synth, more than half of what loading cdk8s and cdk8s-plus-27
 * costs otherwise).
 *
 * - One pack per main script (`process.argv[1]`), for modules inside the repository only (a test
 *   fixture in a temporary directory is loaded as usual and never invalidates the pack), and only
 *   for modules whose code is ASCII (so that the pack is read as a one-byte string) and that do not
 *   call `import()` (vm.Script code cannot); the few others are loaded as usual.
 * - Valid only while every packed file and every path that decided a resolution (the files Node
 *   tried before the one it found, the package.json files it read) is as recorded (size,
 *   modification time, or absent); otherwise the run loads normally and writes a new pack when it
 *   ends. Modules loaded outside the pack are added the same way.
 * - Module semantics are Node's: `Module._load`, the cache, `require.main`, `module.parent` are
 *   untouched; only resolving a recorded (parent, request) pair and compiling a packed module are
 *   replaced. Stack traces of packed modules name the pack file; `mapStack()` turns them into the
 *   modules' own files and lines (the safe synth and scripts/cdk8s-app.ts print errors that way),
 *   and `CDK8S_EXPOSE_MODULE_PACK=off` loads every module from its own file, as Node does.
 * - Files are written atomically, so concurrent runs share the packs; the MAX_PACKS most recently
 *   used are kept (a pack is ~4 MB of code and ~3 MB of code cache).
 *
 * Plain JavaScript, CommonJS, Node's built-in modules only.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const FORMAT = 1;
const MAX_PACKS = 12;
const WRAPPER = 'function (exports, require, module, __filename, __dirname) {';

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
    return true;
  } catch {
    fs.rmSync(tmp, { force: true });
    return false;
  }
}

function statKey(file) {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  return st ? `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}` : '-';
}

/**
 * The paths that decided how `request` from `from` resolved to `resolved`: the files Node tried
 * before it (absent then; a file appearing there would win) and the package.json files it read.
 * Node's CommonJS algorithm: the exact path, then each registered extension in order, then the
 * directory (package.json `main`, index + each extension); for a bare name, `node_modules` of each
 * directory upwards.
 */
function decidingPaths(request, from, resolved) {
  const exts = Object.keys(Module._extensions);
  const tried = target => {
    if (resolved === target) return [];
    const out = [target];
    for (const e of exts) {
      if (target + e === resolved) return out;
      out.push(target + e);
    }
    out.push(path.join(target, 'package.json'));
    for (const e of exts) {
      const index = path.join(target, `index${e}`);
      if (index === resolved) return out;
      out.push(index);
    }
    return out; // through package.json's main, which is in the list
  };
  if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..' || path.isAbsolute(request)) {
    return tried(path.resolve(path.dirname(from), request));
  }
  const parts = request.split('/');
  const name = parts.slice(0, request.startsWith('@') ? 2 : 1).join('/');
  const sub = parts.slice(request.startsWith('@') ? 2 : 1).join('/');
  const out = [];
  for (const dir of Module._nodeModulePaths(path.dirname(from))) {
    const pkg = path.join(dir, name);
    if (!resolved.startsWith(pkg + path.sep)) {
      out.push(pkg);
      continue;
    }
    out.push(path.join(pkg, 'package.json'));
    if (sub) out.push(...tried(path.join(pkg, sub)));
    return out;
  }
  return out;
}

/**
 * @param dir     cache directory of the packs
 * @param repo    only modules under this directory are packed
 * @param salt    what else the packed code depends on (the TypeScript compiler and its options)
 */
function install(dir, repo, salt) {
  const main = process.argv[1] ? path.resolve(process.argv[1]) : '';
  if (!main || !main.startsWith(repo + path.sep) || process.env.CDK8S_EXPOSE_MODULE_PACK === 'off') return;
  const cacheRoot = path.join(repo, 'node_modules', '.cache') + path.sep;
  const packable = f => f.startsWith(repo + path.sep) && !f.startsWith(cacheRoot) && (f.endsWith('.js') || f.endsWith('.ts'));
  const context = JSON.stringify([FORMAT, process.version, process.execArgv, process.env.NODE_PATH ?? '', process.env.NODE_OPTIONS ?? '', salt]);
  const entry = crypto.createHash('sha1').update(`${main}\0${context}`).digest('hex').slice(0, 20);
  const manifestFile = path.join(dir, `${entry}.json`);

  // --- load a valid pack ---------------------------------------------------------------
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf-8'));
    if (manifest.context !== context || !manifest.watch.every(([f, k]) => statKey(f) === k)) manifest = undefined;
  } catch {
    manifest = undefined;
  }
  let pack; // { source, script, modules: Map<filename, { fn, start, end }> }
  if (manifest) {
    try {
      const file = path.join(dir, manifest.pack);
      const source = fs.readFileSync(file, 'latin1'); // ASCII only, see `loose`
      let cachedData;
      try {
        cachedData = fs.readFileSync(file.replace(/\.js$/, '.jsc'));
      } catch {
        cachedData = undefined;
      }
      const script = new vm.Script(source, { filename: file, cachedData });
      const fns = script.runInThisContext();
      const modules = new Map(manifest.modules.map(([filename, start, end], i) => [filename, { fn: fns[i], start, end }]));
      pack = { source, script, modules, file, fresh: cachedData === undefined || script.cachedDataRejected === true };
      active = { file, source, modules: manifest.modules };
      // used: the manifest's modification time orders the packs for pruning (least recently used go)
      const now = Date.now();
      if (now - fs.statSync(manifestFile).mtimeMs > 600_000) fs.utimesSync(manifestFile, now / 1000, now / 1000);
    } catch {
      manifest = undefined;
      pack = undefined;
    }
  }

  // --- resolution: replay recorded pairs, record new ones ---------------------------------
  const resolutions = new Map(manifest ? manifest.resolutions : []);
  const watch = new Map(manifest ? manifest.watch : []);
  let changed = !manifest;
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveFilename(request, parent, isMain, options) {
    const from = !options && parent && typeof parent.filename === 'string' ? parent.filename : undefined;
    if (from !== undefined) {
      const known = resolutions.get(`${from}\0${request}`);
      if (known !== undefined) return known;
    }
    const resolved = resolve.apply(this, arguments);
    if (from === undefined || !packable(from) || !path.isAbsolute(resolved) || !packable(resolved)) return resolved;
    for (const f of [resolved, ...decidingPaths(request, from, resolved)]) if (!watch.has(f)) watch.set(f, statKey(f));
    resolutions.set(`${from}\0${request}`, resolved);
    changed = true;
    return resolved;
  };

  // --- compiling: packed modules from the pack, others recorded ---------------------------
  const sources = new Map(); // filename -> compiled source, in load order
  // Modules stay out of the pack (loaded by Node as usual) when they have characters beyond ASCII
  // (an ASCII pack is read as a one-byte string, three times faster than decoding UTF-8: a few of
  // cdk8s's comments) or may call `import()`: code compiled by vm.Script has no loader for dynamic
  // imports (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), even from a `new Function` it creates.
  const loose = new Set(manifest ? manifest.loose : []);
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileModule(content, filename) {
    if (packable(filename) && !loose.has(filename)) {
      if (/[^\x00-\x7f]|\bimport\s*\(/.test(content)) {
        loose.add(filename);
        changed = true;
      } else if (!sources.has(filename)) {
        sources.set(filename, content);
        if (!watch.has(filename)) watch.set(filename, statKey(filename));
        changed = true;
      }
    }
    return compile.apply(this, arguments);
  };
  if (pack) {
    const run = (module, filename) => {
      const { fn } = pack.modules.get(filename);
      const require = id => module.require(id);
      require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
      require.resolve.paths = request => Module._resolveLookupPaths(request, module);
      require.main = process.mainModule;
      require.extensions = Module._extensions;
      require.cache = Module._cache;
      return fn.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
    };
    for (const ext of ['.js', '.ts']) {
      const load = Module._extensions[ext];
      Module._extensions[ext] = function loadPacked(module, filename) {
        return pack.modules.has(filename) ? run(module, filename) : load.apply(this, arguments);
      };
    }
  }

  process.once('exit', () => {
    try {
      if (!changed && pack && pack.fresh) writeAtomically(pack.file.replace(/\.js$/, '.jsc'), pack.script.createCachedData());
      if (changed) save();
    } catch {
      // a cache that cannot be written only costs the next run its speed
    }
  });

  function save() {
    // every module of the old pack (unless its file changed) and every module compiled here
    const all = new Map();
    if (pack) for (const [filename, m] of pack.modules) all.set(filename, pack.source.slice(m.start, m.end));
    for (const [filename, content] of sources) all.set(filename, content);
    const modules = [];
    let source = '[';
    for (const [filename, content] of all) {
      source += `${modules.length ? ',\n' : ''}${WRAPPER}`;
      const start = source.length;
      source += content.startsWith('#!') ? `//${content.slice(2)}` : content;
      modules.push([filename, start, source.length]);
      source += '\n}';
    }
    source += '\n]';
    const name = `${entry}-${crypto.createHash('sha1').update(source).digest('hex').slice(0, 20)}.js`;
    if (!writeAtomically(path.join(dir, name), source)) return;
    writeAtomically(manifestFile, JSON.stringify({ context, pack: name, modules, loose: [...loose], resolutions: [...resolutions], watch: [...watch] }));
    prune(name);
  }

  function prune(keep) {
    let files;
    try {
      files = fs.readdirSync(dir);
    } catch {
      return;
    }
    // this entry's older packs
    for (const f of files) if (f.startsWith(`${entry}-`) && !f.startsWith(keep.replace(/\.js$/, ''))) fs.rmSync(path.join(dir, f), { force: true });
    // the least recently used entries beyond MAX_PACKS
    const manifests = files.filter(f => /^[0-9a-f]{20}\.json$/.test(f))
      .map(f => ({ f, t: (() => { try { return fs.statSync(path.join(dir, f)).mtimeMs; } catch { return 0; } })() }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of manifests.slice(MAX_PACKS)) {
      const id = f.slice(0, 20);
      for (const g of files) if (g.startsWith(id)) fs.rmSync(path.join(dir, g), { force: true });
    }
  }
}

/** The pack this process loaded its modules from: its file, its source, each module's place in it. */
let active;

/**
 * A stack trace with positions in the pack turned into the packed modules' own files and lines
 * (what Node would print without the pack); any other text is returned as it is.
 */
function mapStack(text) {
  if (!active || typeof text !== 'string' || !text.includes(active.file)) return text;
  if (!active.lines) {
    // the line and column where each module's code starts in the pack
    active.lines = [];
    let line = 1;
    let lineStart = 0;
    let at = 0;
    for (const [filename, start] of active.modules) {
      for (let i = active.source.indexOf('\n', at); i !== -1 && i < start; i = active.source.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
      }
      at = start;
      active.lines.push({ filename, line, column: start - lineStart });
    }
  }
  const escaped = active.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`${escaped}:(\\d+):(\\d+)`, 'g'), (whole, l, c) => {
    const lineNo = Number(l);
    let lo = 0;
    let hi = active.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (active.lines[mid].line <= lineNo) lo = mid;
      else hi = mid - 1;
    }
    const m = active.lines[lo];
    if (!m || m.line > lineNo) return whole;
    const line = lineNo - m.line + 1;
    return `${m.filename}:${line}:${line === 1 ? Number(c) - m.column : Number(c)}`;
  });
}

module.exports = { install, mapStack };
