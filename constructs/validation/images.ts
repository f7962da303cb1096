/**
 * Image reference parts (registry, repository, tag, digest), as the distribution spec's
 * reference grammar and Helm charts' `image:` values split them.
 */
import { reject, show } from '../core/errors';
import { FieldPath } from '../core/field-path';

const REGISTRY = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** A registry host with an optional `:port` and path prefix (`registry.k8s.io`, `localhost:5000/mirror`). */
export function validateImageRegistry(path: string, field: FieldPath, value: string): string {
  if (!REGISTRY.test(value)) {
    reject(path, field.toString(), `${show(value)} is not a registry; allowed: a host name with optional :port ` +
      'and path prefix (e.g. "registry.k8s.io", "registry.hub.docker.com", "localhost:5000/mirror")');
  }
  return value;
}

/** A repository name: lowercase path components separated by '/' (`ingress-nginx/controller`). */
export function validateImageRepository(path: string, field: FieldPath, value: string): string {
  if (!REPOSITORY.test(value)) {
    reject(path, field.toString(), `${show(value)} is not a repository name; allowed: lowercase path components ` +
      'separated by \'/\' (e.g. "ingress-nginx/controller")');
  }
  return value;
}

/** A tag: 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'. */
export function validateImageTag(path: string, field: FieldPath, value: string): string {
  if (!TAG.test(value)) {
    reject(path, field.toString(), `${show(value)} is not a tag; allowed: 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`);
  }
  return value;
}

/** A digest, `sha256:` and 64 lowercase hex digits; undefined means none. */
export function validateImageDigest(path: string, field: FieldPath, value: string | undefined): string | undefined {
  if (value !== undefined && !DIGEST.test(value)) {
    reject(path, field.toString(), `${show(value)} is not a digest; allowed: "sha256:" and 64 lowercase hex digits, or none`);
  }
  return value;
}
