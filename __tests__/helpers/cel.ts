/**
 * CEL test helpers: strict validation (schema + the CRDs' x-kubernetes-validations rules) of
 * Gateway API v1.6.1, cert-manager and trust-manager objects, and the violations as
 * `<pointer>: <message>` lines.
 */
import * as path from 'path';
import { SchemaViolation, getSchemaValidator } from '../../validation-plugin/src/schema-validator';
import { testValidatorCache } from './test-cache';

const ROOT = path.join(__dirname, '..', '..');

/** The CRDs the CEL tests validate against: schemas/crds and the lab's trust-manager Bundle CRD. */
export const CEL_CRD_FILES = [
  path.join(ROOT, 'schemas', 'crds', 'cert-manager-v1.21.1.yaml'),
  path.join(ROOT, 'schemas', 'crds', 'gateway-api-v1.6.1-standard.yaml'),
  path.join(ROOT, 'lab', 'crds', 'trust-manager-v0.24.0-bundles.yaml'),
];

/** Violations of one object, Kubernetes 1.36 only. */
export function violationsOf(obj: unknown, crdFiles: readonly string[] = CEL_CRD_FILES): SchemaViolation[] {
  return getSchemaValidator({ kubernetesVersions: ['v1.36.0'], crdFiles, cacheDir: testValidatorCache() }).validate([obj]);
}

/** `<pointer>: <message>` of each violation of one object. */
export function celLines(obj: unknown, crdFiles?: readonly string[]): string[] {
  return violationsOf(obj, crdFiles).map(v => `${v.instancePath || '/'}: ${v.message}`);
}

/** An object of `kind` (gateway.networking.k8s.io/v1 unless `apiVersion`), named `x` in namespace `ns`. */
export function object(kind: string, spec: unknown, apiVersion = 'gateway.networking.k8s.io/v1'): Record<string, any> {
  return { apiVersion, kind, metadata: { name: 'x', namespace: 'ns' }, spec };
}

/** A deep copy of `o` changed by `change`. */
export function changed<T>(o: T, change: (copy: any) => void): T {
  const copy = structuredClone(o);
  change(copy);
  return copy;
}
