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
 * The validator engine is ajv; this module only prepares the schemas (strictness, OpenAPI
 * `nullable`, Kubernetes formats) and turns ajv's errors into short messages.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as YAML from 'yaml';

/** Default directory holding `kubernetes-<version>.json` and `crds/`. */
export const DEFAULT_SCHEMAS_DIR = path.resolve(__dirname, '..', '..', 'schemas');

/** The Kubernetes versions every object is validated against: the target and a current one. */
export const DEFAULT_KUBERNETES_VERSIONS: readonly string[] = ['v1.27.0', 'v1.36.0'];

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** One object to validate, with where it came from. */
export interface ManifestObject {
  /** The parsed object. */
  readonly object: unknown;
  /** The manifest file it was read from. */
  readonly file?: string;
  /** Index of the YAML document within `file` (0-based). */
  readonly index?: number;
  /** Construct path of the cdk8s ApiObject that produced it. */
  readonly constructPath?: string;
}

/** One schema violation of one object. */
export interface SchemaViolation {
  readonly file?: string;
  readonly index?: number;
  readonly constructPath?: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** The Kubernetes version whose schemas reported it, e.g. `v1.27.0` (`yaml` for a parse error). */
  readonly schema: string;
  /** The schema file that reported it, relative to the schemas directory. */
  readonly source: string;
  /** JSON pointer of the offending value inside the object ('' = the object itself). */
  readonly instancePath: string;
  readonly message: string;
}

/** Options of a `SchemaValidator`. */
export interface SchemaValidatorOptions {
  /** Directory with `kubernetes-<version>.json` and `crds/`. Default: the repo's `schemas/`. */
  readonly schemasDir?: string;
  /** Kubernetes versions to validate against. Default: v1.27.0 and v1.36.0. */
  readonly kubernetesVersions?: readonly string[];
  /** CRD files (relative to `schemasDir` or absolute). Default: every `crds/*.yaml`, sorted. */
  readonly crdFiles?: readonly string[];
}

interface CrdVersion {
  readonly source: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly served: boolean;
  readonly deprecated: boolean;
  readonly schema: unknown;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Makes a (sub)schema strict and ajv-ready: drops documentation and `x-kubernetes-*` extensions,
 * turns `nullable` into a null type, adds `additionalProperties: false` where the API server would
 * reject (native types) or prune (CRDs) unknown fields.
 *
 * @param crd  CRD (structural) semantics: an object schema with neither properties nor
 *             additionalProperties (nor x-kubernetes-preserve-unknown-fields) accepts no field.
 * @param logic inside anyOf/oneOf/allOf/not: value validations only, never add strictness there.
 */
export function strictify(node: unknown, crd: boolean, logic = false): unknown {
  if (Array.isArray(node)) return node.map(n => strictify(n, crd, logic));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || key === 'description' || key === 'example' || key === 'externalDocs'
      || key === 'default' || key === 'nullable' || key === 'title') continue;
    switch (key) {
      case 'properties':
      case 'patternProperties':
      case 'definitions': {
        const props: Record<string, unknown> = {};
        for (const [name, sub] of Object.entries(value as Record<string, unknown>)) props[name] = strictify(sub, crd, logic);
        out[key] = props;
        break;
      }
      case 'items':
      case 'additionalProperties':
        out[key] = strictify(value, crd, logic);
        break;
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
      case 'not':
        out[key] = strictify(value, crd, true);
        break;
      default:
        out[key] = value;
    }
  }
  if (node['x-kubernetes-int-or-string'] === true && out.type === undefined && out.anyOf === undefined) {
    out.type = ['integer', 'string'];
  }
  if (node['x-kubernetes-embedded-resource'] === true && isObject(out.properties)) {
    const props = out.properties as Record<string, unknown>;
    for (const k of ['apiVersion', 'kind']) props[k] ??= { type: 'string' };
    props.metadata ??= { type: 'object' };
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  if (!logic && !preserve && out.additionalProperties === undefined) {
    if (out.properties !== undefined) out.additionalProperties = false;
    else if (crd && out.type === 'object' && out.patternProperties === undefined) out.additionalProperties = false;
  }
  return out;
}

function formatPointer(p: string): string {
  return p === '' ? '/' : p;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? `integer ${value}` : `number ${value}`;
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value)}`;
  return typeof value;
}

/** Turns ajv's errors into { instancePath, message }, one per real problem. */
export function renderAjvErrors(errors: readonly ErrorObject[]): { instancePath: string; message: string }[] {
  // anyOf/oneOf report every failing branch too: keep only the combined error.
  const composite = errors.filter(e => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const out: { instancePath: string; message: string }[] = [];
  for (const e of errors) {
    if (composite.some(c => c !== e && e.schemaPath.startsWith(c.schemaPath + '/'))) continue;
    switch (e.keyword) {
      case 'additionalProperties': {
        const prop = String((e.params as { additionalProperty: string }).additionalProperty);
        out.push({ instancePath: `${e.instancePath}/${escapePointer(prop)}`, message: `unknown field "${prop}"` });
        break;
      }
      case 'required': {
        const prop = String((e.params as { missingProperty: string }).missingProperty);
        out.push({ instancePath: `${e.instancePath}/${escapePointer(prop)}`, message: `missing required field "${prop}"` });
        break;
      }
      case 'type': {
        const t = (e.params as { type: string | string[] }).type;
        out.push({ instancePath: e.instancePath, message: `must be ${Array.isArray(t) ? t.join(' or ') : t}, got ${describe(e.data)}` });
        break;
      }
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
        out.push({ instancePath: e.instancePath, message: `must be one of ${allowed.map(a => JSON.stringify(a)).join(', ')}; got ${describe(e.data)}` });
        break;
      }
      case 'const':
        out.push({ instancePath: e.instancePath, message: `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}, got ${describe(e.data)}` });
        break;
      case 'anyOf':
      case 'oneOf': {
        const branches = errors.filter(b => b !== e && b.schemaPath.startsWith(e.schemaPath + '/'));
        const types = branches.every(b => b.keyword === 'type' && b.instancePath === e.instancePath)
          ? [...new Set(branches.map(b => String((b.params as { type: string }).type)))] : [];
        out.push({
          instancePath: e.instancePath,
          message: types.length > 0 ? `must be ${types.join(' or ')}, got ${describe(e.data)}`
            : `${e.message ?? 'is invalid'} (${e.keyword}): ${branches.map(b => `${formatPointer(b.instancePath)} ${b.message}`).join('; ')}`,
        });
        break;
      }
      default:
        out.push({ instancePath: e.instancePath, message: `${e.message ?? 'is invalid'}${e.data !== undefined && typeof e.data !== 'object' ? `; got ${describe(e.data)}` : ''}` });
    }
  }
  return out;
}

/** Kubernetes formats ajv-formats does not know. Unknown formats are ignored, as the API server does. */
function addKubernetesFormats(ajv: Ajv): void {
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) && Number.isSafeInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  // Secret.data and friends: the API server rejects what does not decode as standard base64.
  ajv.addFormat('byte', { type: 'string', validate: (s: string) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s) });
}

function collectFormats(schema: unknown, into: Set<string>): void {
  if (Array.isArray(schema)) { for (const s of schema) collectFormats(s, into); return; }
  if (!isObject(schema)) return;
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'format' && typeof v === 'string') into.add(v);
    else collectFormats(v, into);
  }
}

/** Validates Kubernetes objects strictly against the Kubernetes schemas and CRDs. Compiles lazily, caches. */
export class SchemaValidator {
  public readonly schemasDir: string;
  public readonly kubernetesVersions: readonly string[];
  private readonly crdFiles: readonly string[];
  private readonly ajv: Ajv;
  /** version -> `apiVersion/kind` -> definition name */
  private readonly native = new Map<string, Map<string, string>>();
  private readonly crds = new Map<string, CrdVersion>();
  private crdDocs?: { source: string; text: string; keys: Set<string>; parsed: boolean }[];
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Milliseconds spent loading and compiling schemas (cumulative). */
  public compileMs = 0;

  constructor(options: SchemaValidatorOptions = {}) {
    const t0 = performance.now();
    this.schemasDir = path.resolve(options.schemasDir ?? DEFAULT_SCHEMAS_DIR);
    this.kubernetesVersions = [...(options.kubernetesVersions ?? DEFAULT_KUBERNETES_VERSIONS)];
    this.crdFiles = options.crdFiles
      ? options.crdFiles.map(f => path.resolve(this.schemasDir, f))
      : listCrdFiles(path.join(this.schemasDir, 'crds'));
    this.ajv = new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      strictTypes: false,
      strictTuples: false,
      strictRequired: false,
      // Kubernetes patterns are RE2 (Go); plain JS RegExp accepts them, the `u` flag rejects some escapes.
      unicodeRegExp: false,
      validateSchema: false,
      logger: false,
      // Measured on the lab: no inlining and no code optimisation halve compile time; the
      // validation itself stays well under a millisecond per object.
      inlineRefs: false,
      code: { optimize: false },
    });
    addFormats(this.ajv);
    addKubernetesFormats(this.ajv);
    for (const version of this.kubernetesVersions) {
      const file = path.join(this.schemasDir, `kubernetes-${version}.json`);
      const defs = (JSON.parse(fs.readFileSync(file, 'utf-8')) as { definitions: Record<string, JsonObject> }).definitions;
      const byGvk = new Map<string, string>();
      for (const [name, def] of Object.entries(defs)) {
        const gvks = def['x-kubernetes-group-version-kind'];
        if (!Array.isArray(gvks)) continue;
        for (const gvk of gvks as { group: string; version: string; kind: string }[]) {
          byGvk.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`, name);
        }
      }
      this.native.set(version, byGvk);
      const strict = strictify({ definitions: defs }, false);
      this.ignoreUnknownFormats(strict);
      this.ajv.addSchema({ $id: this.k8sId(version), ...(strict as object) });
    }
    this.compileMs += performance.now() - t0;
  }

  private k8sId(version: string): string {
    return `kubernetes-${version}.json`;
  }

  private ignoreUnknownFormats(schema: unknown): void {
    const formats = new Set<string>();
    collectFormats(schema, formats);
    for (const f of formats) {
      // The API server ignores formats it does not know; so do we.
      if (!this.ajv.formats[f]) this.ajv.addFormat(f, true);
    }
  }

  /**
   * Finds the CRD version for `group/version/kind`. CRD files are large (parsing all of them costs
   * about half a second), so each file is split into documents and a document is parsed only when
   * a cheap scan says it may define the kind asked for (documents the scan cannot read are parsed
   * up front). Parsed documents are authoritative: the scan only decides what to parse first.
   */
  private findCrd(group: string, version: string, kind: string): CrdVersion | undefined {
    const t0 = performance.now();
    if (!this.crdDocs) {
      this.crdDocs = [];
      for (const file of this.crdFiles) {
        const source = path.relative(this.schemasDir, file).split(path.sep).join('/');
        for (const text of fs.readFileSync(file, 'utf-8').split(/^---[ \t]*$/m)) {
          if (!/^kind:\s*CustomResourceDefinition\s*$/m.test(text)) continue;
          const groups = [...text.matchAll(/^ {2}group:\s*["']?([^\s"']+)/gm)].map(m => m[1]);
          const kinds = [...text.matchAll(/^ {4}kind:\s*["']?([^\s"']+)/gm)].map(m => m[1]);
          const doc = { source, text, keys: new Set(groups.flatMap(g => kinds.map(k => `${g}/${k}`))), parsed: false };
          this.crdDocs.push(doc);
          if (doc.keys.size === 0) this.parseCrdDoc(doc);
        }
      }
    }
    for (const doc of this.crdDocs) if (!doc.parsed && doc.keys.has(`${group}/${kind}`)) this.parseCrdDoc(doc);
    this.compileMs += performance.now() - t0;
    return this.crds.get(`${group}/${version}/${kind}`);
  }

  private parseCrdDoc(doc: { source: string; text: string; parsed: boolean }): void {
    doc.parsed = true;
    const crd = YAML.parse(doc.text) as unknown;
    if (!isObject(crd) || crd.kind !== 'CustomResourceDefinition' || !isObject(crd.spec)) return;
    const spec = crd.spec as { group: string; names: { kind: string }; versions?: { name: string; served: boolean; deprecated?: boolean; schema?: { openAPIV3Schema?: unknown } }[] };
    for (const v of spec.versions ?? []) {
      const key = `${spec.group}/${v.name}/${spec.names.kind}`;
      if (this.crds.has(key)) throw new Error(`${doc.source}: ${key} is defined twice in the CRDs`);
      this.crds.set(key, {
        source: doc.source, group: spec.group, version: v.name, kind: spec.names.kind,
        served: v.served === true, deprecated: v.deprecated === true,
        schema: v.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      });
    }
  }

  private nativeValidator(version: string, definition: string): ValidateFunction {
    const key = `${version}#${definition}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      const t0 = performance.now();
      fn = this.ajv.compile({ $ref: `${this.k8sId(version)}#/definitions/${definition}` });
      this.compiled.set(key, fn);
      this.compileMs += performance.now() - t0;
    }
    return fn;
  }

  private crdValidator(version: string, crd: CrdVersion): ValidateFunction {
    const apiVersion = `${crd.group}/${crd.version}`;
    const key = `${version}#crd:${apiVersion}/${crd.kind}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      const t0 = performance.now();
      const schema = strictify(crd.schema, true) as Record<string, unknown>;
      this.ignoreUnknownFormats(schema);
      // The API server itself checks apiVersion/kind and validates metadata as ObjectMeta.
      schema.properties = {
        ...(schema.properties as object | undefined),
        apiVersion: { type: 'string', const: apiVersion },
        kind: { type: 'string', const: crd.kind },
        metadata: { $ref: `${this.k8sId(version)}#/definitions/${OBJECT_META}` },
      };
      schema.additionalProperties = false;
      fn = this.ajv.compile(schema);
      this.compiled.set(key, fn);
      this.compileMs += performance.now() - t0;
    }
    return fn;
  }

  /** Validates objects; returns their violations sorted by file, document, schema, path, message. */
  public validate(items: readonly (ManifestObject | unknown)[]): SchemaViolation[] {
    const violations: SchemaViolation[] = [];
    items.forEach((item, i) => {
      const m: ManifestObject = isManifestObject(item) ? item : { object: item, index: i };
      violations.push(...this.validateOne(m));
    });
    return sortViolations(violations);
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
    for (const version of this.kubernetesVersions) {
      const def = this.native.get(version)!.get(gvk);
      if (def) {
        const fn = this.nativeValidator(version, def);
        if (!fn(obj)) for (const r of renderAjvErrors(fn.errors ?? [])) add(version, this.k8sId(version), r.instancePath, r.message);
        continue;
      }
      const [group, apiVersion] = base.apiVersion.split('/');
      const crd = apiVersion !== undefined ? this.findCrd(group, apiVersion, base.kind) : undefined;
      if (crd && crd.served) {
        const fn = this.crdValidator(version, crd);
        if (!fn(obj)) for (const r of renderAjvErrors(fn.errors ?? [])) add(version, crd.source, r.instancePath, r.message);
        continue;
      }
      if (crd) {
        add(version, crd.source, '/apiVersion', `${base.apiVersion} ${base.kind} is defined but not served by ${crd.source}; use a served version`);
        continue;
      }
      const elsewhere = this.kubernetesVersions.filter(v => v !== version && this.native.get(v)!.has(gvk));
      add(version, this.k8sId(version), '/apiVersion', elsewhere.length > 0
        ? `unknown kind: ${base.apiVersion} ${base.kind} is not served by Kubernetes ${version} (only by ${elsewhere.join(', ')})`
        : `unknown kind: no schema for ${base.apiVersion} ${base.kind} in Kubernetes ${version} nor in the CRDs (${this.crdFiles.map(f => path.relative(this.schemasDir, f)).join(', ') || 'none'})`);
    }
    return out;
  }
}

function isManifestObject(x: unknown): x is ManifestObject {
  return isObject(x) && 'object' in x && Object.keys(x).every(k => ['object', 'file', 'index', 'constructPath'].includes(k));
}

function listCrdFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml') || f.endsWith('.yml')).sort().map(f => path.join(dir, f));
}

function cmp(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** Sorts violations by file, document index, schema, instance path, message (deterministic output). */
export function sortViolations(v: SchemaViolation[]): SchemaViolation[] {
  return v.sort((a, b) => cmp(a.file, b.file) || cmp(a.index, b.index) || cmp(a.schema, b.schema)
    || cmp(a.instancePath, b.instancePath) || cmp(a.message, b.message));
}

const validators = new Map<string, SchemaValidator>();

/** The cached validator for these options (schemas are loaded and compiled once per process). */
export function getSchemaValidator(options: SchemaValidatorOptions = {}): SchemaValidator {
  const key = JSON.stringify([options.schemasDir ?? '', options.kubernetesVersions ?? [], options.crdFiles ?? []]);
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

/** Construct metadata written by cdk8s (`construct-metadata.json`): object name -> construct path. */
export function readConstructMetadata(dir: string): Record<string, string> {
  const file = path.join(dir, 'construct-metadata.json');
  if (!fs.existsSync(file)) return {};
  const contents = JSON.parse(fs.readFileSync(file, 'utf-8')) as { resources?: Record<string, { path?: string }> };
  const out: Record<string, string> = {};
  for (const [name, m] of Object.entries(contents.resources ?? {})) if (m.path) out[name] = m.path;
  return out;
}

/** All manifest files (`*.yaml`, `*.yml`) under `dir`, recursively, sorted. */
export function findManifestFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => cmp(a.name, b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml') || e.name.endsWith('.yml')) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/**
 * Reads manifest files the way kubectl does (YAML 1.1, the schema cdk8s writes with; duplicate keys
 * are errors as in kubeconform -strict). Parse errors come back as violations with schema `yaml`.
 *
 * @param constructPaths object name -> construct path (from construct-metadata.json); a name used
 *                       by several objects is ambiguous in cdk8s's metadata and is marked so.
 */
export function readManifests(files: readonly string[], constructPaths: Record<string, string> = {}): { objects: ManifestObject[]; violations: SchemaViolation[] } {
  const objects: ManifestObject[] = [];
  const violations: SchemaViolation[] = [];
  for (const file of files) {
    const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf-8'), { version: '1.1', uniqueKeys: true });
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((doc, index) => {
      if (doc.errors.length > 0) {
        for (const e of doc.errors) {
          violations.push({ file, index, apiVersion: '', kind: '', name: '', schema: 'yaml', source: '', instancePath: '', message: e.message.split('\n')[0] });
        }
        return;
      }
      const object = doc.toJS({ maxAliasCount: 100 }) as unknown;
      if (object === null || object === undefined) return; // empty document (e.g. trailing ---)
      objects.push({ object, file, index });
    });
  }
  const counts = new Map<string, number>();
  for (const o of objects) {
    const name = nameOf(o.object);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return {
    objects: objects.map(o => {
      const name = nameOf(o.object);
      const p = name ? constructPaths[name] : undefined;
      if (!p) return o;
      return { ...o, constructPath: (counts.get(name!) ?? 0) > 1 ? `${p} (ambiguous: ${counts.get(name!)} objects are named "${name}")` : p };
    }),
    violations,
  };
}

function nameOf(o: unknown): string | undefined {
  return isObject(o) && isObject(o.metadata) && typeof o.metadata.name === 'string' ? o.metadata.name : undefined;
}

/** Human-readable report, one block per object, identical messages of several versions merged. */
export function formatViolations(violations: readonly SchemaViolation[], relativeTo = process.cwd()): string {
  const blocks = new Map<string, { header: string; lines: Map<string, string[]> }>();
  for (const v of violations) {
    const where = v.file ? `${path.relative(relativeTo, v.file) || v.file}${v.index !== undefined ? ` #${v.index}` : ''}` : (v.index !== undefined ? `object #${v.index}` : 'object');
    const id = `${v.kind || '?'} ${v.namespace ? `${v.namespace}/` : ''}${v.name || '?'}`;
    const header = `${where}: ${id}${v.constructPath ? ` (construct ${v.constructPath})` : ''}`;
    const key = `${v.file}\u0000${v.index}\u0000${id}`;
    let b = blocks.get(key);
    if (!b) blocks.set(key, b = { header, lines: new Map() });
    const line = `${formatPointer(v.instancePath)}: ${v.message}`;
    const versions = b.lines.get(line) ?? [];
    versions.push(v.schema);
    b.lines.set(line, versions);
  }
  const out: string[] = [];
  for (const b of blocks.values()) {
    out.push(b.header);
    for (const [line, versions] of b.lines) out.push(`  [${[...new Set(versions)].join(', ')}] ${line}`);
  }
  return out.join('\n');
}
