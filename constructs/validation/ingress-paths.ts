/**
 * Ingress path rules (the API server's `validateHTTPIngressPath`).
 */
import { reject as fail, show } from '../core/errors';
import { PathType } from '../core/enums';
import { FieldPath } from '../core/field-path';

/**
 * An Ingress path: absolute (begins with '/'); for Prefix and Exact also free of
 * '//', '/./', '/../', '%2f', '%2F' and not ending in '/.' or '/..' (the API server's
 * `validateHTTPIngressPath`).
 */
export function validateIngressPath(path: string, fieldPath: FieldPath | string, value: string, pathType: PathType): string {
  const field = String(fieldPath);
  if (!value.startsWith('/')) {
    fail(path, field, `${show(value)} is not an absolute path; allowed: a path that begins with '/' (e.g. "/" or "/api")`);
  }
  if (pathType === PathType.PREFIX || pathType === PathType.EXACT) {
    for (const bad of ['//', '/./', '/../', '%2f', '%2F']) {
      if (value.includes(bad)) fail(path, field, `${show(value)} must not contain '${bad}' when pathType is ${pathType}`);
    }
    for (const bad of ['/..', '/.']) {
      if (value.endsWith(bad)) fail(path, field, `${show(value)} must not end with '${bad}' when pathType is ${pathType}`);
    }
  }
  return value;
}
