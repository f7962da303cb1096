/**
 * Image reference parts (registry, repository, tag, digest), as the distribution spec's
 * reference grammar and Helm charts' `image:` values split them.
 */
import { FieldPath } from '../core/field-path';
import { invalid, Problem, show } from '../core/problem';

const REGISTRY = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** A registry host with an optional `:port` and path prefix (`registry.k8s.io`, `localhost:5000/mirror`). */
export function imageRegistryProblems(field: FieldPath | string, value: string): Problem[] {
  if (REGISTRY.test(value)) return [];
  return [invalid(field, value, `${show(value)} is not a registry; allowed: a host name with optional :port ` +
    'and path prefix (e.g. "registry.k8s.io", "registry.hub.docker.com", "localhost:5000/mirror")')];
}

/** A repository name: lowercase path components separated by '/' (`ingress-nginx/controller`). */
export function imageRepositoryProblems(field: FieldPath | string, value: string): Problem[] {
  if (REPOSITORY.test(value)) return [];
  return [invalid(field, value, `${show(value)} is not a repository name; allowed: lowercase path components ` +
    'separated by \'/\' (e.g. "ingress-nginx/controller")')];
}

/** A tag: 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'. */
export function imageTagProblems(field: FieldPath | string, value: string): Problem[] {
  if (TAG.test(value)) return [];
  return [invalid(field, value, `${show(value)} is not a tag; allowed: 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`)];
}

/** A digest, `sha256:` and 64 lowercase hex digits; undefined means none. */
export function imageDigestProblems(field: FieldPath | string, value: string | undefined): Problem[] {
  if (value === undefined || DIGEST.test(value)) return [];
  return [invalid(field, value, `${show(value)} is not a digest; allowed: "sha256:" and 64 lowercase hex digits, or none`)];
}
