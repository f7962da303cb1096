/**
 * Object names without hash suffixes: cdk8s's `Names.toDnsLabel` appends a hash of the
 * construct path; cdk8s-expose derives a stable name from the construct id instead, so
 * that `dist/` reads like hand-written YAML and names stay the same across refactors.
 */
import { Construct } from 'constructs';

/** The path a construct will have once `new X(scope, id)` returns (for checks before a child exists). */
export function pathOf(scope: Construct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/** `Pod1HostPort` -> `pod1-host-port`, `svc1_ingress` -> `svc1-ingress`. */
export function kebabFromId(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** A namespace as the API server applies it: `undefined` and `''` (and, read from JSON, anything that is not a string) are `default`. */
export function normalizeNamespace(namespace: unknown): string {
  return typeof namespace === 'string' && namespace !== '' ? namespace : 'default';
}
