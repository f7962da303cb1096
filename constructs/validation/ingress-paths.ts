/**
 * Path rules every target shares: the API server's `validateHTTPIngressPath`. What ingress-nginx
 * refuses on top lives with that target (`targets/ingress-nginx/path-rules.ts`).
 */
import { PathType } from '../core/enums';
import { FieldPath } from '../core/field-path';
import { invalid, Problem, show } from '../core/problem';

/**
 * An Ingress path: absolute (begins with '/'); for Prefix and Exact also free of
 * '//', '/./', '/../', '%2f', '%2F' and not ending in '/.' or '/..' (the API server's
 * `validateHTTPIngressPath`).
 */
export function ingressPathProblems(field: FieldPath | string, value: string, pathType: PathType): Problem[] {
  if (!value.startsWith('/')) {
    return [invalid(field, value, `${show(value)} is not an absolute path; allowed: a path that begins with '/' (e.g. "/" or "/api")`)];
  }
  if (pathType !== PathType.PREFIX && pathType !== PathType.EXACT) return [];
  const inside = ['//', '/./', '/../', '%2f', '%2F'].find(bad => value.includes(bad));
  if (inside !== undefined) return [invalid(field, value, `${show(value)} must not contain '${inside}' when pathType is ${pathType}`)];
  const end = ['/..', '/.'].find(bad => value.endsWith(bad));
  if (end !== undefined) return [invalid(field, value, `${show(value)} must not end with '${end}' when pathType is ${pathType}`)];
  return [];
}
