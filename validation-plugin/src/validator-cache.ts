/**
 * The validator cache: ajv standalone code of every validator compiled so far, one CommonJS file
 * per validator id (a content hash, see schema-index.ts), plus each schema set's index and its
 * CRD schemas as JSON. A warm run loads the index and the few validators it needs instead of
 * parsing the schemas and compiling (about 0.6 s on the lab, and 0.3 s more for the CRD YAML).
 *
 * Lives in `node_modules/.cache/cdk8s-expose/validators` (git-ignored with node_modules; another
 * root with CDK8S_EXPOSE_CACHE_DIR). Files are written atomically (temp file + rename), so
 * concurrent runs share it safely; an unwritable cache only costs the compile.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import type { ValidateFunction } from 'ajv';
import { writeFileAtomically } from './atomic-file';
import { FORMATS_MODULE, RUNTIME_FORMATS } from './formats';
import { SchemaIndex } from './schema-index';

/**
 * V8 rejects a code cache made under other V8 flags (e.g. the benchmark's --expose-gc): processes
 * started with options keep their own code caches instead of replacing each other's.
 */
const FLAGS_SUFFIX = (() => {
  const flags = process.execArgv.filter(a => a.startsWith('--') && !/^--(require|import|loader|experimental-loader)\b/.test(a));
  return flags.length === 0 ? '' : `.${crypto.createHash('sha1').update(flags.join('\0')).digest('hex').slice(0, 8)}`;
})();

/** How many accepted (validator, object) pairs the cache keeps (the most recent). */
const MAX_PASSES = 20_000;

/** The default cache directory (CDK8S_EXPOSE_CACHE_DIR overrides the root). */
export function defaultCacheDir(): string {
  const root = process.env.CDK8S_EXPOSE_CACHE_DIR
    ?? path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'cdk8s-expose');
  return path.join(root, 'validators');
}

/** A cache write: atomic, and an unwritable cache only costs the compile. */
function writeCacheFile(file: string, text: string | Buffer): void {
  try {
    writeFileAtomically(file, text);
  } catch {
    // not cached
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf-8');
  } catch {
    return undefined;
  }
}

/** `require` for standalone validator code: our formats by name, ajv's runtime helpers as usual. */
function validatorRequire(id: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module the generated code names
  return id === FORMATS_MODULE ? RUNTIME_FORMATS : require(id);
}

export class ValidatorCache {
  constructor(public readonly dir: string) {}

  public readIndex(key: string): SchemaIndex | undefined {
    const text = readIfExists(path.join(this.dir, `index-${key}.json`));
    if (!text) return undefined;
    try {
      const index = JSON.parse(text) as SchemaIndex;
      return index.key === key ? index : undefined;
    } catch {
      return undefined;
    }
  }

  public writeIndex(index: SchemaIndex, crdSchemas: readonly unknown[]): void {
    writeCacheFile(path.join(this.dir, `crds-${index.key}.json`), JSON.stringify(crdSchemas));
    writeCacheFile(path.join(this.dir, `index-${index.key}.json`), JSON.stringify(index));
  }

  /**
   * The schema set's key (a hash of the files' bytes, schema-index.ts), remembered under a hash of
   * the files' paths, sizes and modification times so that a warm run does not read and hash
   * megabytes of schemas.
   */
  public schemaSetKey(salt: string, files: readonly string[], compute: () => string): string {
    const stats = [salt, ...files].map((f, i) => {
      if (i === 0) return f;
      const st = fs.statSync(f);
      return `${f}\u0000${st.size}\u0000${st.mtimeMs}\u0000${st.ino}`;
    });
    const memo = path.join(this.dir, `stat-${crypto.createHash('sha256').update(stats.join('\n')).digest('hex').slice(0, 40)}.key`);
    const known = readIfExists(memo);
    if (known && /^[0-9a-f]{40}$/.test(known)) return known;
    const key = compute();
    writeCacheFile(memo, key);
    return key;
  }

  public readCrdSchemas(key: string): unknown[] | undefined {
    const text = readIfExists(path.join(this.dir, `crds-${key}.json`));
    return text ? JSON.parse(text) as unknown[] : undefined;
  }

  /** Scripts whose V8 code cache is missing or stale: written by saveCodeCache(). */
  private readonly pending: { script: vm.Script; file: string }[] = [];

  /**
   * The cached validator `id`, or undefined. Its V8 code cache (`<id>.jsc`, or `<id>.<flags>.jsc`
   * in a process started with V8 options, whose code caches V8 accepts only there; bytecode of the
   * functions a run used) spares V8 the compile of half a megabyte of code per validator.
   */
  public load(id: string): ValidateFunction | undefined {
    const file = path.join(this.dir, `${id}.js`);
    const code = readIfExists(file);
    if (code === undefined) return undefined;
    const jsc = path.join(this.dir, `${id}${FLAGS_SUFFIX}.jsc`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = fs.readFileSync(jsc);
    } catch {
      cachedData = undefined;
    }
    const module = { exports: {} as unknown };
    try {
      const script = new vm.Script(`(function (require, module, exports) {${code}\n})`, { filename: file, cachedData });
      if (!cachedData || script.cachedDataRejected) this.pending.push({ script, file: jsc });
      (script.runInThisContext() as (r: unknown, m: unknown, e: unknown) => void)(validatorRequire, module, module.exports);
    } catch {
      return undefined;
    }
    return typeof module.exports === 'function' ? module.exports as ValidateFunction : undefined;
  }

  /** Writes the V8 code cache of validators loaded without one (call after validating). */
  public saveCodeCache(): void {
    for (const { script, file } of this.pending.splice(0)) writeCacheFile(file, script.createCachedData());
    this.savePasses();
  }

  // --- passes ------------------------------------------------------------------------------
  // A validator is a pure function of the object (ajv's options neither coerce, default nor
  // remove anything), and its id is a content hash of everything its code depends on. So "this
  // validator accepted exactly this object" stays true: such pairs are kept (`passes.json`, the
  // most recent MAX_PASSES), and a run whose objects were all accepted before loads no validator.
  // Only acceptances are kept; an object with violations is always validated again.
  private passes?: Map<string, true>;
  private passesAdded = 0;

  private passesFile(): string {
    return path.join(this.dir, 'passes.json');
  }

  /** Whether validator `id` accepted the object whose JSON hashes to `objectHash` before. */
  public passed(id: string, objectHash: string): boolean {
    if (!this.passes) {
      this.passes = new Map();
      try {
        const list = JSON.parse(readIfExists(this.passesFile()) ?? '[]') as unknown;
        if (Array.isArray(list)) for (const k of list) if (typeof k === 'string') this.passes.set(k, true);
      } catch {
        // a damaged file only costs validating again
      }
    }
    return this.passes.has(`${id}:${objectHash}`);
  }

  /** Records that validator `id` accepted the object whose JSON hashes to `objectHash`. */
  public recordPass(id: string, objectHash: string): void {
    if (!this.passes) this.passed(id, objectHash);
    const key = `${id}:${objectHash}`;
    this.passes!.delete(key);
    this.passes!.set(key, true);
    this.passesAdded++;
  }

  private savePasses(): void {
    if (!this.passes || this.passesAdded === 0) return;
    this.passesAdded = 0;
    const keys = [...this.passes.keys()];
    writeCacheFile(this.passesFile(), JSON.stringify(keys.slice(Math.max(0, keys.length - MAX_PASSES))));
  }

  public store(id: string, code: string): void {
    writeCacheFile(path.join(this.dir, `${id}.js`), code);
  }
}
