/**
 * What the compiled validators depend on besides ajv itself, light enough for the warm path
 * (which must not load ajv): ajv's options, the schema files, the schema of a CRD's objects.
 */
import * as fs from 'fs';
import * as path from 'path';
import { strictify } from './strictify';
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
