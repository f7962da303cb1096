/**
 * Ingress path rules: the API server's `validateHTTPIngressPath`, and what ingress-nginx refuses
 * or cannot render safely (`strict-validate-path-type`, its deep inspector, nginx.conf syntax).
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

/**
 * ingress-nginx's `strict-validate-path-type` (a ConfigMap key since v1.8, on by default since
 * v1.12, set on the controller IngressNginxController renders): a Prefix or Exact path must match
 * `(?i)^/[[:alnum:]\_\-/]*$` (`internal/ingress/inspector/rules.go` `validPathType`, checked by
 * `ValidatePathType` in the admission webhook): ASCII letters, digits, '_', '-' and '/' only, so
 * no '.', '~', '%', spaces or regex characters. Other paths need ImplementationSpecific.
 */
export function validateStrictPathType(path: string, fieldPath: FieldPath | string, value: string, pathType: PathType): string {
  if ((pathType === PathType.PREFIX || pathType === PathType.EXACT) && !/^\/[A-Za-z0-9_\-/]*$/.test(value)) {
    const bad = [...value].find(c => !/[A-Za-z0-9_\-/]/.test(c));
    fail(path, String(fieldPath), `${show(value)} contains ${show(bad ?? '')}, which ingress-nginx refuses with pathType ${pathType} ` +
      '(strict-validate-path-type, the default since v1.12); allowed: \'/\' then ASCII letters, digits, \'_\', \'-\' and \'/\', ' +
      'or pathType ImplementationSpecific for anything else');
  }
  return value;
}

/**
 * What ingress-nginx's deep inspector refuses in paths and hosts (`--deep-inspect`, on by default;
 * `internal/ingress/inspector/rules.go` `CheckRegex`), and what would break out of the
 * `location` line that ingress-nginx writes the path into unquoted (the CVE-2022-4886 class):
 * whitespace and control characters, ';', '{', '}', quotes and '#'.
 */
const DEEP_INSPECT_PATTERNS: ReadonlyArray<{ re: RegExp; what: string }> = [
  { re: /\s*alias\s*.*;/s, what: 'an nginx "alias" directive' },
  { re: /\s*root\s*.*;/s, what: 'an nginx "root" directive' },
  { re: /\/etc\/(passwd|shadow|group|nginx|ingress-controller)/, what: 'a protected /etc path' },
  { re: /\/var\/run\/secrets/, what: '/var/run/secrets' },
  { re: /.*_by_lua.*/, what: 'a "_by_lua" directive' },
];

/** An Ingress path nginx.conf can hold: checked for every pathType, ImplementationSpecific included. */
export function validateNginxSafePath(path: string, fieldPath: FieldPath | string, value: string): string {
  const unsafe = [...value].find(c => /[\s\x00-\x1f\x7f;{}"'#]/.test(c));
  if (unsafe !== undefined) {
    fail(path, String(fieldPath), `${show(value)} contains ${show(unsafe)}, which would end or inject into the nginx "location" line ` +
      'ingress-nginx writes the path into (CVE-2022-4886); allowed: no whitespace, control characters, \';\', \'{\', \'}\', quotes or \'#\'');
  }
  validateNotDeepInspected(path, fieldPath, value);
  return value;
}

/** A value ingress-nginx's deep inspector (`CheckRegex`) refuses in a path, host or TLS secret name. */
export function validateNotDeepInspected(path: string, fieldPath: FieldPath | string, value: string): string {
  const hit = DEEP_INSPECT_PATTERNS.find(p => p.re.test(value));
  if (hit) {
    fail(path, String(fieldPath), `${show(value)} contains ${hit.what}, which ingress-nginx's deep inspector refuses (--deep-inspect, ` +
      'on by default); allowed: a value without it');
  }
  return value;
}
