/**
 * What ingress-nginx refuses or cannot render safely in a path: `strict-validate-path-type`, its
 * deep inspector, and nginx.conf syntax. The API server's own path rules are neutral
 * (`validation/ingress-paths.ts`).
 */
import { PathType } from '../../core/enums';
import { FieldPath } from '../../core/field-path';
import { forbidden, invalid, Problem, show } from '../../core/problem';

/**
 * ingress-nginx's `strict-validate-path-type` (a ConfigMap key since v1.8, on by default since
 * v1.12, set on the controller IngressNginxController renders): a Prefix or Exact path must match
 * `(?i)^/[[:alnum:]\_\-/]*$` (`internal/ingress/inspector/rules.go` `validPathType`, checked by
 * `ValidatePathType` in the admission webhook): ASCII letters, digits, '_', '-' and '/' only, so
 * no '.', '~', '%', spaces or regex characters. Other paths need ImplementationSpecific.
 */
export function strictPathTypeProblems(field: FieldPath, value: string, pathType: PathType): Problem[] {
  if ((pathType !== PathType.PREFIX && pathType !== PathType.EXACT) || /^\/[A-Za-z0-9_\-/]*$/.test(value)) return [];
  const bad = [...value].find(c => !/[A-Za-z0-9_\-/]/.test(c));
  return [invalid(field, value, `${show(value)} contains ${show(bad ?? '')}, which ingress-nginx refuses with pathType ${pathType} ` +
    '(strict-validate-path-type, the default since v1.12); allowed: \'/\' then ASCII letters, digits, \'_\', \'-\' and \'/\', ' +
    'or pathType ImplementationSpecific for anything else')];
}

/**
 * What ingress-nginx's deep inspector refuses in paths and hosts (`--deep-inspect`, on by default;
 * `internal/ingress/inspector/rules.go` `CheckRegex`).
 */
const DEEP_INSPECT_PATTERNS: ReadonlyArray<{ re: RegExp; what: string }> = [
  { re: /\s*alias\s*.*;/s, what: 'an nginx "alias" directive' },
  { re: /\s*root\s*.*;/s, what: 'an nginx "root" directive' },
  { re: /\/etc\/(passwd|shadow|group|nginx|ingress-controller)/, what: 'a protected /etc path' },
  { re: /\/var\/run\/secrets/, what: '/var/run/secrets' },
  { re: /.*_by_lua.*/, what: 'a "_by_lua" directive' },
];

/**
 * A path nginx.conf can hold, for every pathType (ImplementationSpecific included): nothing that
 * would break out of the `location` line ingress-nginx writes the path into unquoted (the
 * CVE-2022-4886 class: whitespace and control characters, ';', '{', '}', quotes and '#'), and
 * nothing the deep inspector refuses.
 */
export function nginxSafePathProblems(field: FieldPath, value: string): Problem[] {
  const unsafe = [...value].find(c => /[\s\x00-\x1f\x7f;{}"'#]/.test(c));
  if (unsafe !== undefined) {
    return [forbidden(field, value, `${show(value)} contains ${show(unsafe)}, which would end or inject into the nginx "location" line ` +
      'ingress-nginx writes the path into (CVE-2022-4886); allowed: no whitespace, control characters, \';\', \'{\', \'}\', quotes or \'#\'')];
  }
  const hit = DEEP_INSPECT_PATTERNS.find(p => p.re.test(value));
  if (!hit) return [];
  return [forbidden(field, value, `${show(value)} contains ${hit.what}, which ingress-nginx's deep inspector refuses (--deep-inspect, ` +
    'on by default); allowed: a value without it')];
}
