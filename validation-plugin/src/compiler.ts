/**
 * The cold path: ajv compiles validators from the schemas (and, for the cache, emits them as
 * standalone code). Loaded only when a validator is not in the cache, or with `cacheDir: false`.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { _, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import { FORMATS_MODULE, addKubernetesFormats } from './formats';
import { collectFormats, strictify } from './strictify';
import { JsonObject } from './types';

export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** ajv's options; part of the cache key. */
export const AJV_OPTIONS = {
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
} as const;

export function k8sSchemaId(version: string): string {
  return `kubernetes-${version}.json`;
}

/** Reads `kubernetes-<version>.json`'s definitions. */
export function readDefinitions(schemasDir: string, version: string): Record<string, JsonObject> {
  const file = path.join(schemasDir, k8sSchemaId(version));
  return (JSON.parse(fs.readFileSync(file, 'utf-8')) as { definitions: Record<string, JsonObject> }).definitions;
}

/**
 * The schema a CRD version's objects are checked with: strict, with apiVersion and kind pinned
 * and metadata checked as the Kubernetes version's ObjectMeta (as the API server does).
 */
export function crdObjectSchema(crdSchema: unknown, apiVersion: string, kind: string, version: string): Record<string, unknown> {
  const schema = strictify(crdSchema, true) as Record<string, unknown>;
  schema.properties = {
    ...(schema.properties as object | undefined),
    apiVersion: { type: 'string', const: apiVersion },
    kind: { type: 'string', const: kind },
    metadata: { $ref: `${k8sSchemaId(version)}#/definitions/${OBJECT_META}` },
  };
  schema.additionalProperties = false;
  return schema;
}

/** One ajv instance holding every configured Kubernetes version's strict definitions. */
export class SchemaCompiler {
  private readonly ajv: Ajv;

  constructor(schemasDir: string, kubernetesVersions: readonly string[]) {
    this.ajv = new Ajv({
      ...AJV_OPTIONS,
      // source: keep each validator's code for standaloneCode(); formats: where that code finds them.
      code: { source: true, formats: _`require(${FORMATS_MODULE})` },
    });
    addFormats(this.ajv);
    addKubernetesFormats(this.ajv);
    for (const version of kubernetesVersions) {
      const strict = strictify({ definitions: readDefinitions(schemasDir, version) }, false);
      this.ignoreUnknownFormats(strict);
      this.ajv.addSchema({ $id: k8sSchemaId(version), ...(strict as object) });
    }
  }

  private ignoreUnknownFormats(schema: unknown): void {
    const formats = new Set<string>();
    collectFormats(schema, formats);
    for (const f of formats) {
      // The API server ignores formats it does not know; so do we.
      if (!this.ajv.formats[f]) this.ajv.addFormat(f, true);
    }
  }

  /** The validator of a built-in definition of one Kubernetes version. */
  public native(version: string, definition: string): ValidateFunction {
    return this.ajv.compile({ $ref: `${k8sSchemaId(version)}#/definitions/${definition}` });
  }

  /** The validator of one CRD version's objects (metadata as `version`'s ObjectMeta). */
  public crd(version: string, crdSchema: unknown, apiVersion: string, kind: string): ValidateFunction {
    const schema = crdObjectSchema(crdSchema, apiVersion, kind, version);
    this.ignoreUnknownFormats(schema);
    return this.ajv.compile(schema);
  }

  /** CommonJS source of a compiled validator and everything it references. */
  public standalone(fn: ValidateFunction): string {
    return standaloneCode(this.ajv, fn);
  }
}
