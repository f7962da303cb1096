/**
 * The index of a schema set (Kubernetes versions + CRD files), built once and kept as JSON in
 * the validator cache: which definition validates each built-in `apiVersion/kind` of each
 * version, which CRD version serves each custom kind, and the id of the compiled validator for
 * each. Ids are content hashes of everything the compiled code depends on, so one validator is
 * shared by every Kubernetes version (and every schema set) whose schemas for it are identical.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { AJV_OPTIONS, OBJECT_META, crdObjectSchema, readDefinitions } from './schema-prep';
import { formatsFingerprint } from './formats';
import { strictify } from './strictify';
import { JsonObject, isObject } from './types';

/** Bump when the index layout or the code generation changes in a way the fingerprint misses. */
const CACHE_FORMAT = 2;

export interface NativeEntry {
  /** Definition name in kubernetes-<version>.json. */
  readonly definition: string;
  /** Id of the compiled validator. */
  readonly validator: string;
}

export interface CrdEntry {
  readonly source: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly served: boolean;
  readonly deprecated: boolean;
  /** The version's `deprecationWarning`, if any. */
  readonly deprecationWarning?: string;
  /** Index into the CRD schemas file. */
  readonly schema: number;
  /** Kubernetes version -> validator id (metadata is checked as that version's ObjectMeta). */
  readonly validators: { readonly [k8sVersion: string]: string };
  /** Id of the CEL rules of this version's schema (cel-validator.ts); absent when it has no `x-kubernetes-validations`. */
  readonly cel?: string;
  /** Set when the CRDs define this kind twice. */
  readonly error?: string;
}

export interface SchemaIndex {
  readonly key: string;
  readonly kubernetesVersions: readonly string[];
  /** CRD files, relative to the schemas directory. */
  readonly crdSources: readonly string[];
  /** version -> `apiVersion/kind` -> entry */
  readonly native: { readonly [version: string]: { readonly [gvk: string]: NativeEntry } };
  /** `group/version/kind` -> entry */
  readonly crds: { readonly [gvk: string]: CrdEntry };
}

function sha(...parts: string[]): string {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex').slice(0, 40);
}

function packageVersion(name: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a package named at run time
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * What the generated code depends on besides the schemas: ajv and ajv-formats versions, ajv's
 * options, and the source of strictify/compiler/formats (so an edit there recompiles).
 */
let generatorFingerprint: string | undefined;
export function generator(): string {
  if (generatorFingerprint) return generatorFingerprint;
  // The TypeScript sources when present (the same key for the plugin's tsc build and the swc-loaded
  // sources), else the compiled modules next to this one (the npm package ships no .ts: without
  // them an edit to compiler or schema-prep in a new release would not recompile a consumer's cache).
  const sources = ['strictify', 'schema-prep', 'compiler', 'formats'].map(name => {
    for (const file of [path.join(__dirname, '..', 'src', `${name}.ts`), path.join(__dirname, `${name}.js`)]) {
      if (fs.existsSync(file)) return fs.readFileSync(file, 'utf-8');
    }
    return '';
  });
  const compiled = sources.every(s => s !== '') ? '' : `${strictify.toString()}\n${formatsFingerprint()}`;
  generatorFingerprint = sha(String(CACHE_FORMAT), packageVersion('ajv'), packageVersion('ajv-formats'),
    JSON.stringify(AJV_OPTIONS), compiled, ...sources);
  return generatorFingerprint;
}

/**
 * What CEL evaluation depends on besides the schemas: @bufbuild/cel and @bufbuild/re2 versions
 * and the source of the CEL modules (an edit there invalidates the cached CEL passes).
 */
let celEngineFingerprint: string | undefined;
export function celFingerprint(): string {
  if (celEngineFingerprint) return celEngineFingerprint;
  const sources = ['cel-library', 'cel-net', 'cel-quantity', 'cel-format', 'cel-schema', 'cel-validator'].map(name => {
    for (const file of [path.join(__dirname, '..', 'src', `${name}.ts`), path.join(__dirname, `${name}.js`)]) {
      if (fs.existsSync(file)) return fs.readFileSync(file, 'utf-8');
    }
    return '';
  });
  celEngineFingerprint = sha(packageVersion('@bufbuild/cel'), packageVersion('@bufbuild/re2'), ...sources);
  return celEngineFingerprint;
}

/** The key of a schema set: the generator and the bytes of every schema file. */
export function schemaSetKey(schemasDir: string, kubernetesVersions: readonly string[], crdFiles: readonly string[]): string {
  const parts = [generator(), celFingerprint(), JSON.stringify(kubernetesVersions)];
  for (const v of kubernetesVersions) parts.push(sha(fs.readFileSync(path.join(schemasDir, `kubernetes-${v}.json`), 'latin1')));
  for (const f of crdFiles) parts.push(path.relative(schemasDir, f), sha(fs.readFileSync(f, 'latin1')));
  return sha(...parts);
}

/** Hashes of each definition's reachable closure (its own schema and every `$ref` it reaches). */
class Closures {
  private readonly own = new Map<string, string>();
  private readonly refs = new Map<string, string[]>();
  private readonly memo = new Map<string, string>();

  constructor(defs: Record<string, unknown>) {
    for (const [name, def] of Object.entries(defs)) {
      const text = JSON.stringify(def);
      this.own.set(name, sha(name, text));
      this.refs.set(name, [...text.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)].map(m => m[1]));
    }
  }

  public of(name: string): string {
    let h = this.memo.get(name);
    if (h) return h;
    const seen = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(this.refs.get(n) ?? []));
    }
    h = sha(...[...seen].sort().map(n => this.own.get(n) ?? `missing:${n}`));
    this.memo.set(name, h);
    return h;
  }
}

interface ParsedCrd {
  source: string; group: string; version: string; kind: string; served: boolean; deprecated: boolean; deprecationWarning?: string; schema: unknown;
}

/** Every CRD version in the files, in file and document order. */
function readCrds(schemasDir: string, crdFiles: readonly string[]): ParsedCrd[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml'); // cold path only
  const out: ParsedCrd[] = [];
  for (const file of crdFiles) {
    const source = path.relative(schemasDir, file).split(path.sep).join('/');
    for (const text of fs.readFileSync(file, 'utf-8').split(/^---[ \t]*$/m)) {
      if (!/^kind:\s*CustomResourceDefinition\s*$/m.test(text)) continue;
      const crd = YAML.parse(text) as unknown;
      if (!isObject(crd) || crd.kind !== 'CustomResourceDefinition' || !isObject(crd.spec)) continue;
      const spec = crd.spec as {
        group: string; names: { kind: string };
        versions?: { name: string; served: boolean; deprecated?: boolean; deprecationWarning?: string; schema?: { openAPIV3Schema?: unknown } }[];
      };
      for (const v of spec.versions ?? []) {
        out.push({
          source, group: spec.group, version: v.name, kind: spec.names.kind,
          served: v.served === true, deprecated: v.deprecated === true,
          ...(typeof v.deprecationWarning === 'string' ? { deprecationWarning: v.deprecationWarning } : {}),
          schema: v.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        });
      }
    }
  }
  return out;
}

/** Builds the index of a schema set (the slow part: reads and hashes every schema). */
export function buildSchemaIndex(
  key: string, schemasDir: string, kubernetesVersions: readonly string[], crdFiles: readonly string[],
): { index: SchemaIndex; crdSchemas: unknown[] } {
  const native: Record<string, Record<string, NativeEntry>> = {};
  const objectMeta: Record<string, string> = {};
  for (const version of kubernetesVersions) {
    const defs = readDefinitions(schemasDir, version);
    const strict = (strictify({ definitions: defs }, false) as { definitions: Record<string, unknown> }).definitions;
    const closures = new Closures(strict);
    const byGvk: Record<string, NativeEntry> = {};
    for (const [name, def] of Object.entries(defs)) {
      const gvks = (def as JsonObject)['x-kubernetes-group-version-kind'];
      if (!Array.isArray(gvks)) continue;
      for (const gvk of gvks as { group: string; version: string; kind: string }[]) {
        byGvk[`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`] = { definition: name, validator: `n-${sha(generator(), closures.of(name))}` };
      }
    }
    native[version] = byGvk;
    objectMeta[version] = closures.of(OBJECT_META);
  }
  const crds: Record<string, CrdEntry> = {};
  const crdSchemas: unknown[] = [];
  for (const c of readCrds(schemasDir, crdFiles)) {
    const gvk = `${c.group}/${c.version}/${c.kind}`;
    const apiVersion = `${c.group}/${c.version}`;
    const validators: Record<string, string> = {};
    for (const version of kubernetesVersions) {
      // The metadata $ref names the version; what it checks is that version's ObjectMeta closure.
      const schema = JSON.stringify(crdObjectSchema(c.schema, apiVersion, c.kind, 'VERSION'));
      validators[version] = `c-${sha(generator(), schema, objectMeta[version])}`;
    }
    const text = JSON.stringify(c.schema);
    const entry: CrdEntry = {
      source: c.source, group: c.group, version: c.version, kind: c.kind, served: c.served, deprecated: c.deprecated,
      ...(c.deprecationWarning !== undefined ? { deprecationWarning: c.deprecationWarning } : {}),
      schema: crdSchemas.length, validators,
      ...(text.includes('"x-kubernetes-validations"') ? { cel: `l-${sha(celFingerprint(), text)}` } : {}),
    };
    crds[gvk] = crds[gvk] ? { ...crds[gvk], error: `${c.source}: ${gvk} is defined twice in the CRDs` } : entry;
    crdSchemas.push(c.schema);
  }
  const crdSources = crdFiles.map(f => path.relative(schemasDir, f));
  return { index: { key, kubernetesVersions: [...kubernetesVersions], crdSources, native, crds }, crdSchemas };
}
