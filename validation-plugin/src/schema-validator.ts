/**
 * Strict schema validation of synthesised Kubernetes objects.
 *
 * Every object is validated against each configured Kubernetes version's definitions (cdk8s's
 * `_definitions.json`, copied to `schemas/kubernetes-<version>.json`) and, for custom resources,
 * against `spec.versions[].schema.openAPIV3Schema` of the served version in `schemas/crds/*.yaml`.
 *
 * "Strict" means what kubeconform `-strict` (openapi2jsonschema --strict) means: every object
 * schema that lists `properties` but no `additionalProperties` gets `additionalProperties: false`,
 * so an unknown (misspelt, misplaced, removed) field is an error instead of being dropped silently.
 * For CRDs this mirrors the API server exactly: it prunes every field a structural schema does not
 * declare unless `x-kubernetes-preserve-unknown-fields` is set, and `kubectl apply` (strict
 * server-side field validation, the default since 1.27) rejects them.
 *
 * The validator engine is ajv: strictify.ts prepares the schemas, compiler.ts compiles them,
 * validator-cache.ts keeps the compiled code between runs, ajv-errors.ts words the errors.
 */
import * as crypto from 'crypto';
import * as path from 'path';
import type { ValidateFunction } from 'ajv';
import { describe, renderAjvErrors } from './ajv-errors';
import type { SchemaCompiler } from './compiler';
import { sortViolations } from './manifests';
import type { CelValidator } from './cel-validator';
import { selectCrdFiles } from './crd-releases';
import { crdVersionWarning, deprecatedFieldsOf } from './deprecations';
import { CrdEntry, SchemaIndex, buildSchemaIndex, celFingerprint, generator, schemaSetKey } from './schema-index';
import { ManifestObject, SchemaValidatorOptions, SchemaViolation, isObject } from './types';
import { ValidatorCache, defaultCacheDir } from './validator-cache';

export * from './types';
export { strictify } from './strictify';
export { selectCrdFiles } from './crd-releases';
export { renderAjvErrors } from './ajv-errors';
export { findManifestFiles, formatViolations, parseManifests, readConstructMetadata, readManifests, sortViolations } from './manifests';

/** Default directory holding `kubernetes-<version>.json` and `crds/`. */
export const DEFAULT_SCHEMAS_DIR = path.resolve(__dirname, '..', '..', 'schemas');

/** The Kubernetes versions every object is validated against: the target and a current one. */
export const DEFAULT_KUBERNETES_VERSIONS: readonly string[] = ['v1.27.0', 'v1.36.0'];

/**
 * ajv keywords of the schema errors the API server calls blocking (hasBlockingErr: NotSupported,
 * Required, TooLong, TooMany, TypeInvalid): with one of them, no CEL rule is evaluated.
 */
const BLOCKING = new Set(['required', 'enum', 'const', 'type', 'maxLength', 'maxItems', 'maxProperties']);

/** The API server's error when a blocking schema error kept the CEL rules from running. */
export const CEL_NOT_CHECKED = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

function k8sId(version: string): string {
  return `kubernetes-${version}.json`;
}

/** Validates Kubernetes objects strictly against the Kubernetes schemas and CRDs. Compiles lazily, caches. */
export class SchemaValidator {
  public readonly schemasDir: string;
  public readonly kubernetesVersions: readonly string[];
  private readonly crdFiles: readonly string[];
  private readonly cache?: ValidatorCache;
  private readonly index: SchemaIndex;
  private crdSchemas?: unknown[];
  private compiler?: SchemaCompiler;
  private readonly validators = new Map<string, ValidateFunction>();
  /** Milliseconds spent loading and compiling schemas and validators (cumulative). */
  public compileMs = 0;
  /** Validators compiled with ajv in this process (0 when every one came from the cache). */
  public compiledCount = 0;
  /** Milliseconds spent evaluating CEL rules, loading the engine included (cumulative). */
  public celMs = 0;
  private cel?: CelValidator;

  constructor(options: SchemaValidatorOptions = {}) {
    const t0 = performance.now();
    this.schemasDir = path.resolve(options.schemasDir ?? DEFAULT_SCHEMAS_DIR);
    this.kubernetesVersions = [...(options.kubernetesVersions ?? DEFAULT_KUBERNETES_VERSIONS)];
    this.crdFiles = options.crdFiles
      ? options.crdFiles.map(f => path.resolve(this.schemasDir, f))
      : selectCrdFiles(path.join(this.schemasDir, 'crds'), options.crdReleases);
    const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
    if (cacheDir !== false) this.cache = new ValidatorCache(cacheDir);
    const files = [...this.kubernetesVersions.map(v => path.join(this.schemasDir, k8sId(v))), ...this.crdFiles];
    const key = this.cache
      ? this.cache.schemaSetKey(`${generator()}\u0000${celFingerprint()}\u0000${JSON.stringify(this.kubernetesVersions)}`, files, () => schemaSetKey(this.schemasDir, this.kubernetesVersions, this.crdFiles))
      : '';
    let index = this.cache?.readIndex(key);
    if (!index) {
      const built = buildSchemaIndex(key, this.schemasDir, this.kubernetesVersions, this.crdFiles);
      index = built.index;
      this.crdSchemas = built.crdSchemas;
      this.cache?.writeIndex(built.index, built.crdSchemas);
    }
    this.index = index;
    this.compileMs += performance.now() - t0;
  }

  /** A content hash of the schema set (schemas, CRDs, versions, code generator); '' without a cache. */
  public get schemaSetKey(): string {
    return this.index.key;
  }

  /** The validator with this id: from memory, from the cache, or compiled (and then cached). */
  private validator(id: string, compile: (compiler: SchemaCompiler) => ValidateFunction): ValidateFunction {
    let fn = this.validators.get(id);
    if (fn) return fn;
    const t0 = performance.now();
    fn = this.cache?.load(id);
    if (!fn) {
      if (!this.compiler) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { SchemaCompiler: Compiler } = require('./compiler') as typeof import('./compiler');
        this.compiler = new Compiler(this.schemasDir, this.kubernetesVersions);
      }
      fn = compile(this.compiler);
      this.compiledCount++;
      this.cache?.store(id, this.compiler.standalone(fn));
    }
    this.validators.set(id, fn);
    this.compileMs += performance.now() - t0;
    return fn;
  }

  /**
   * Whether validator `id` accepts `obj`; its errors, rendered, when it does not. An object this
   * validator accepted in an earlier run (the cache keeps such pairs, see validator-cache.ts) is
   * not validated again: the validator is not even loaded.
   */
  private check(
    id: string, obj: unknown, objectHash: string | undefined, compile: (compiler: SchemaCompiler) => ValidateFunction,
  ): { instancePath: string; message: string }[] & { blocking?: boolean } {
    if (objectHash !== undefined && this.cache?.passed(id, objectHash)) return [];
    const fn = this.validator(id, compile);
    if (fn(obj)) {
      if (objectHash !== undefined) this.cache?.recordPass(id, objectHash);
      return [];
    }
    const errors = fn.errors ?? [];
    return Object.assign(renderAjvErrors(errors), { blocking: errors.some(e => BLOCKING.has(e.keyword)) });
  }

  /**
   * The CEL rules' violations of a custom resource (cel-validator.ts), or [] when an earlier run
   * found none for exactly this object. Loads the CEL engine on first use only.
   */
  private checkCel(crd: CrdEntry & { cel: string }, obj: unknown, objectHash: string | undefined): { instancePath: string; message: string }[] {
    if (objectHash !== undefined && this.cache?.passed(crd.cel, objectHash)) return [];
    const t0 = performance.now();
    if (!this.cel) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { celValidator } = require('./cel-validator') as typeof import('./cel-validator');
      this.cel = celValidator();
    }
    const out = this.cel.validate(this.cel.tree(crd.cel, () => this.crdSchema(crd)), obj);
    if (out.length === 0 && objectHash !== undefined) this.cache?.recordPass(crd.cel, objectHash);
    this.celMs += performance.now() - t0;
    return out;
  }

  private crdSchema(entry: CrdEntry): unknown {
    if (!this.crdSchemas) {
      this.crdSchemas = this.cache?.readCrdSchemas(this.index.key)
        ?? buildSchemaIndex(this.index.key, this.schemasDir, this.kubernetesVersions, this.crdFiles).crdSchemas;
    }
    return this.crdSchemas[entry.schema];
  }

  private findCrd(group: string, version: string, kind: string): CrdEntry | undefined {
    const entry = this.index.crds[`${group}/${version}/${kind}`];
    if (entry?.error) throw new Error(entry.error);
    return entry;
  }

  /** Validates objects; returns their violations sorted by file, document, schema, path, message. */
  public validate(items: readonly (ManifestObject | unknown)[]): SchemaViolation[] {
    const violations: SchemaViolation[] = [];
    items.forEach((item, i) => {
      const m: ManifestObject = isManifestObject(item) ? item : { object: item, index: i };
      violations.push(...this.validateOne(m));
    });
    this.cache?.saveCodeCache();
    return sortViolations(violations);
  }

  /** The API server's warnings for one object (see warningsOf). */
  public warningsOfOne(m: ManifestObject): SchemaViolation[] {
    const obj = m.object;
    if (!isObject(obj) || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return [];
    const meta = isObject(obj.metadata) ? obj.metadata : {};
    const base = {
      file: m.file, index: m.index, constructPath: m.constructPath, apiVersion: obj.apiVersion, kind: obj.kind,
      name: typeof meta.name === 'string' ? meta.name : '', namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
    };
    const [group, version] = obj.apiVersion.split('/');
    const crd = version !== undefined ? this.index.crds[`${group}/${version}/${obj.kind}`] : undefined;
    return this.kubernetesVersions.flatMap(v => {
      const out = deprecatedFieldsOf(obj, v).map(([instancePath, message]) => ({ ...base, schema: v, source: k8sId(v), instancePath, message: `Warning: ${message}` }));
      if (crd?.served && crd.deprecated) {
        out.push({ ...base, schema: v, source: crd.source, instancePath: '/apiVersion',
          message: `Warning: ${crdVersionWarning(group, version, obj.kind as string, crd.deprecationWarning)}` });
      }
      return out;
    });
  }

  private validateOne(m: ManifestObject): SchemaViolation[] {
    const obj = m.object;
    const meta = isObject(obj) && isObject(obj.metadata) ? obj.metadata : {};
    const base = {
      file: m.file, index: m.index, constructPath: m.constructPath,
      apiVersion: isObject(obj) && typeof obj.apiVersion === 'string' ? obj.apiVersion : '',
      kind: isObject(obj) && typeof obj.kind === 'string' ? obj.kind : '',
      name: typeof meta.name === 'string' ? meta.name : '',
      namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
    };
    const out: SchemaViolation[] = [];
    const add = (schema: string, source: string, instancePath: string, message: string) =>
      out.push({ ...base, schema, source, instancePath, message });
    // Problems independent of the schemas are reported once per version too (one `schema` each).
    const addAll = (instancePath: string, message: string) => {
      for (const version of this.kubernetesVersions) add(version, '', instancePath, message);
    };

    if (!isObject(obj)) {
      addAll('', `is not a Kubernetes object (got ${describe(obj)})`);
      return out;
    }
    if (!base.apiVersion || !base.kind) {
      if (!base.apiVersion) addAll('/apiVersion', 'missing required field "apiVersion"');
      if (!base.kind) addAll('/kind', 'missing required field "kind"');
      return out;
    }
    if (!base.name && typeof meta.generateName !== 'string') {
      addAll('/metadata/name', 'missing required field "metadata.name" (the API server and kubectl apply need a name)');
    }
    const gvk = `${base.apiVersion}/${base.kind}`;
    const objectHash = this.cache ? jsonHash(obj) : undefined;
    // Versions whose schema check of a custom resource with CEL rules passed the API server's gate.
    const cel: { version: string; crd: CrdEntry & { cel: string }; blocked: boolean }[] = [];
    for (const version of this.kubernetesVersions) {
      const def = this.index.native[version][gvk];
      if (def) {
        for (const r of this.check(def.validator, obj, objectHash, c => c.native(version, def.definition))) {
          add(version, k8sId(version), r.instancePath, r.message);
        }
        continue;
      }
      const [group, apiVersion] = base.apiVersion.split('/');
      const crd = apiVersion !== undefined ? this.findCrd(group, apiVersion, base.kind) : undefined;
      if (crd && crd.served) {
        const validator = crd.validators[version];
        const errors = this.check(validator, obj, objectHash, c => c.crd(version, this.crdSchema(crd), `${crd.group}/${crd.version}`, crd.kind));
        for (const r of errors) add(version, crd.source, r.instancePath, r.message);
        if (crd.cel !== undefined) cel.push({ version, crd: crd as CrdEntry & { cel: string }, blocked: errors.blocking === true });
        continue;
      }
      if (crd) {
        add(version, crd.source, '/apiVersion', `${base.apiVersion} ${base.kind} is defined but not served by ${crd.source}; use a served version`);
        continue;
      }
      const elsewhere = this.kubernetesVersions.filter(v => v !== version && this.index.native[v][gvk] !== undefined);
      add(version, k8sId(version), '/apiVersion', elsewhere.length > 0
        ? `unknown kind: ${base.apiVersion} ${base.kind} is not served by Kubernetes ${version} (only by ${elsewhere.join(', ')})`
        : `unknown kind: no schema for ${base.apiVersion} ${base.kind} in Kubernetes ${version} nor in the CRDs (${this.index.crdSources.join(', ') || 'none'})`);
    }
    // The API server evaluates x-kubernetes-validations only when no blocking schema error was found.
    const results = cel.some(c => !c.blocked) ? this.checkCel(cel[0].crd, obj, objectHash) : [];
    for (const c of cel) {
      if (c.blocked) add(c.version, c.crd.source, '', CEL_NOT_CHECKED);
      else for (const r of results) add(c.version, c.crd.source, r.instancePath, r.message);
    }
    return out;
  }
}

/**
 * A hash of the object's JSON, or undefined when JSON would not say everything a validator sees
 * (undefined values, non-finite numbers, -0, holes, objects other than plain ones): those objects
 * are always validated.
 */
function jsonHash(obj: unknown): string | undefined {
  return isPlainJson(obj) ? crypto.createHash('sha256').update(JSON.stringify(obj)).digest('hex').slice(0, 40) : undefined;
}

function isPlainJson(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object': {
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!(i in v) || !isPlainJson(v[i])) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      for (const k in v) if (!Object.prototype.hasOwnProperty.call(v, k) || !isPlainJson((v as Record<string, unknown>)[k])) return false;
      return true;
    }
    default:
      return false;
  }
}

function isManifestObject(x: unknown): x is ManifestObject {
  return isObject(x) && 'object' in x && Object.keys(x).every(k => ['object', 'file', 'index', 'constructPath'].includes(k));
}

const validators = new Map<string, SchemaValidator>();

/**
 * The warnings the API server would print for these objects (deprecations.ts), one per Kubernetes
 * version that gives it, shaped as violations (`message` starts with "Warning: "). Loads no validator.
 */
export function warningsOf(validator: SchemaValidator, items: readonly (ManifestObject | unknown)[]): SchemaViolation[] {
  return sortViolations(items.flatMap((item, i) => validator.warningsOfOne(isManifestObject(item) ? item : { object: item, index: i })));
}

/**
 * The cached validator for these options (schemas are loaded and compiled once per process). An
 * option left out keys as `null`, never as its empty value: no `crdFiles` means every CRD of the
 * schemas directory and `crdFiles: []` none; no `kubernetesVersions` the defaults and `[]` none.
 */
export function getSchemaValidator(options: SchemaValidatorOptions = {}): SchemaValidator {
  const { schemasDir, kubernetesVersions, crdFiles, crdReleases, cacheDir } = options;
  const key = JSON.stringify([schemasDir ?? null, kubernetesVersions ?? null, crdFiles ?? null, crdReleases ?? null, cacheDir ?? null]);
  let v = validators.get(key);
  if (!v) {
    v = new SchemaValidator(options);
    validators.set(key, v);
  }
  return v;
}

/** Validates objects (plain objects or `ManifestObject`s) with the cached default validator. */
export function validateManifests(objects: readonly (ManifestObject | unknown)[], options: SchemaValidatorOptions = {}): SchemaViolation[] {
  return getSchemaValidator(options).validate(objects);
}
