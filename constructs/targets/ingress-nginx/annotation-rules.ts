/**
 * ingress-nginx annotation values, checked as the controller's own annotation validation checks
 * them (`internal/ingress/annotations/parser/validators.go` and each annotation's `Validator` in
 * `internal/ingress/annotations/<name>/main.go`, controller v1.11.8; `--enable-annotation-validation`
 * is on by default since v1.12). A refused value makes the admission webhook reject the Ingress.
 * Only the annotations listed here are checked; values are not checked when empty, as upstream.
 */
import { INGRESS_CLASS_ANNOTATION } from '../../app-checks/facts';
import { FieldPath } from '../../core/field-path';
import { forbidden, invalid, Problem, show } from '../../core/problem';
import { dns1035LabelProblems } from '../../validation/names';

/** ingress-nginx's `parser.DefaultAnnotationsPrefix` (its `--annotations-prefix` default). */
export const INGRESS_NGINX_ANNOTATIONS_PREFIX = 'nginx.ingress.kubernetes.io';

/** Go's `strconv.ParseBool`, which ingress-nginx parses boolean annotations with; undefined if not a boolean. */
export function parseGoBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

// validators.go's character classes
const ALNUM = '\\-\\._~a-zA-Z0-9/:';
const REGEX_CHARS = '\\^\\$\\[\\]\\(\\)\\{\\}\\*\\+\\?\\|&=\\\\';
const URL_CHARS = ',:\\?&=';
const IS_VALID_REGEX = new RegExp(`^[/${ALNUM}${REGEX_CHARS}]*$`);
const URL_IS_VALID = new RegExp(`^[${ALNUM}${URL_CHARS}]*$`);
const BASIC_CHARS = new RegExp(`^[/${ALNUM}]*$`);
const URL_WITH_NGINX_VARIABLE = new RegExp(`^[${ALNUM}, ${URL_CHARS}$]*$`);
const REGEX_PATH_WITH_CAPTURE = new RegExp(`^/?[${ALNUM}/$]*$`);
const SIZE = /^\d+[bkmgBKMG]?$/;
const MALICIOUS = /\r|\n/;

/** What one annotation accepts: a check returning a problem or undefined, and the allowed values for the message. */
interface AnnotationValidator {
  readonly check: (value: string) => boolean;
  readonly allowed: string;
}

/** `parser.ValidateRegex(re, removeSpace)`: spaces removed first if asked, then the regex, then no CR/LF. */
function chars(re: RegExp, removeSpace: boolean, allowed: string): AnnotationValidator {
  return { check: v => { const s = removeSpace ? v.replace(/ /g, '') : v; return re.test(s) && !MALICIOUS.test(s); }, allowed };
}
/** `parser.ValidateOptions(options, caseSensitive, trimSpace)`. */
function options(values: string[], caseSensitive: boolean, allowed = values.map(show).join(', ')): AnnotationValidator {
  return { check: v => values.includes(caseSensitive ? v.trim() : v.trim().toLowerCase()), allowed };
}
const BOOL: AnnotationValidator = { check: v => parseGoBool(v) !== undefined, allowed: '"true" or "false" (strconv.ParseBool also takes 1, t, T, TRUE, True, 0, f, F, FALSE, False)' };
/** `strconv.Atoi`: an optional sign and decimal digits, within 64 bits. */
const INT: AnnotationValidator = { check: v => /^[+-]?[0-9]+$/.test(v) && Math.abs(Number(v)) <= Number.MAX_SAFE_INTEGER, allowed: 'a decimal integer (strconv.Atoi)' };
const URL = chars(URL_IS_VALID, true, 'a URL of letters, digits and - . _ ~ / : , ? & = (URLIsValidRegex)');
const SERVER_NAME: AnnotationValidator = { check: v => IS_VALID_REGEX.test(v.trim()), allowed: 'a server name, letters, digits, - . _ ~ / : and regex characters (IsValidRegex)' };
const ON_OFF = chars(/^(on|off)$/, true, '"on" or "off"');

/** The annotations checked, by name without the prefix (each as its `main.go` declares it). */
const VALIDATORS: { readonly [name: string]: AnnotationValidator } = {
  ...Object.fromEntries([
    'ssl-passthrough', 'ssl-redirect', 'force-ssl-redirect', 'use-regex', 'preserve-trailing-slash', 'from-to-www-redirect',
    'enable-cors', 'cors-allow-credentials', 'service-upstream', 'enable-access-log', 'enable-rewrite-log', 'canary',
    'use-port-in-redirects', 'disable-proxy-intercept-errors', 'session-cookie-secure', 'session-cookie-change-on-failure',
    'session-cookie-conditional-samesite-none', 'upstream-hash-by-subset', 'ssl-prefer-server-ciphers', 'enable-global-auth',
    'auth-always-set-cookie', 'auth-tls-pass-certificate-to-upstream', 'enable-modsecurity', 'enable-owasp-core-rules',
    'enable-opentelemetry', 'opentelemetry-trust-incoming-span', 'http2-push-preload', 'auth-keepalive-share-vars',
  ].map(n => [n, BOOL])),
  ...Object.fromEntries([
    'proxy-connect-timeout', 'proxy-send-timeout', 'proxy-read-timeout', 'proxy-buffers-number', 'proxy-next-upstream-timeout',
    'proxy-next-upstream-tries', 'limit-rps', 'limit-rpm', 'limit-connections', 'limit-rate', 'limit-rate-after',
    'limit-burst-multiplier', 'canary-weight', 'canary-weight-total', 'permanent-redirect-code', 'cors-max-age',
    'proxy-ssl-verify-depth', 'auth-tls-verify-depth', 'upstream-hash-by-subset-size',
  ].map(n => [n, INT])),
  // redirect.go: removeSpace false
  'permanent-redirect': chars(URL_IS_VALID, false, URL.allowed),
  'temporal-redirect': chars(URL_IS_VALID, false, URL.allowed),
  'proxy-redirect-from': URL,
  'proxy-redirect-to': URL,
  'proxy-cookie-path': URL,
  'session-cookie-path': URL,
  'auth-request-redirect': URL,
  'auth-signin-redirect-param': URL,
  'auth-url': chars(URL_WITH_NGINX_VARIABLE, true, 'a URL that may use nginx variables ($host), no quotes, braces or semicolons (URLWithNginxVariableRegex)'),
  'auth-signin': chars(URL_WITH_NGINX_VARIABLE, true, 'a URL that may use nginx variables ($host), no quotes, braces or semicolons (URLWithNginxVariableRegex)'),
  'rewrite-target': chars(REGEX_PATH_WITH_CAPTURE, false, 'a path that may use captures ($1), letters, digits and - . _ ~ / : $ (RegexPathWithCapture)'),
  'app-root': chars(REGEX_PATH_WITH_CAPTURE, false, 'a path of letters, digits and - . _ ~ / : $ (RegexPathWithCapture)'),
  'x-forwarded-prefix': chars(REGEX_PATH_WITH_CAPTURE, true, 'a path of letters, digits and - . _ ~ / : $ (RegexPathWithCapture)'),
  'canary-by-header-pattern': chars(IS_VALID_REGEX, false, 'a regex of letters, digits, - . _ ~ / : and ^ $ [ ] ( ) { } * + ? | & = \\ (IsValidRegex)'),
  'server-alias': { check: v => v.split(',').every(n => SERVER_NAME.check(n)), allowed: `comma-separated server names: ${SERVER_NAME.allowed}` },
  'upstream-vhost': SERVER_NAME,
  'proxy-ssl-name': SERVER_NAME,
  'mirror-host': SERVER_NAME,
  'mirror-target': SERVER_NAME,
  'backend-protocol': options(['auto_http', 'http', 'https', 'grpc', 'grpcs', 'fcgi'], false, 'HTTP, HTTPS, GRPC, GRPCS, AUTO_HTTP or FCGI (any case)'),
  'proxy-ssl-verify': ON_OFF,
  'proxy-ssl-server-name': ON_OFF,
  'proxy-buffering': options(['on', 'off'], true),
  'proxy-request-buffering': options(['on', 'off'], true),
  'proxy-http-version': options(['1.0', '1.1'], true),
  'satisfy': options(['any', 'all'], true),
  'proxy-ssl-secret': chars(BASIC_CHARS, true, '"namespace/name" (BasicCharsRegex)'),
  'auth-tls-secret': chars(BASIC_CHARS, true, '"namespace/name" (BasicCharsRegex)'),
  'proxy-body-size': chars(SIZE, true, 'a size such as 8m, 1024, 1g (SizeRegex)'),
  'client-body-buffer-size': chars(SIZE, true, 'a size such as 16k (SizeRegex)'),
  'proxy-buffer-size': chars(SIZE, true, 'a size such as 8k (SizeRegex)'),
  'proxy-max-temp-file-size': chars(SIZE, true, 'a size such as 1024m (SizeRegex)'),
};

/**
 * An ingress-nginx annotation's value (`key` with the default prefix); other keys and the
 * annotations not listed above pass. Empty values pass (upstream skips them).
 */
export function annotationValueProblems(field: FieldPath, key: string, value: string): Problem[] {
  const prefix = `${INGRESS_NGINX_ANNOTATIONS_PREFIX}/`;
  if (!key.startsWith(prefix) || value === '') return [];
  const name = key.slice(prefix.length);
  // parser.ValidateServiceName: NameIsDNS1035Label
  if (name === 'default-backend') return dns1035LabelProblems(field, value);
  const validator = VALIDATORS[name];
  if (!validator || validator.check(value)) return [];
  return [invalid(field, value, `${show(value)} is refused by ingress-nginx's validation of ${name}; allowed: ${validator.allowed}`)];
}

/** The ingress-nginx annotations that choose a TLS mode, which only TlsIngress may set (with its checks). */
export const TLS_MODE_ANNOTATIONS = ['ssl-passthrough', 'proxy-ssl-secret', 'proxy-ssl-verify', 'proxy-ssl-name', 'proxy-ssl-server-name']
  .map(n => `${INGRESS_NGINX_ANNOTATIONS_PREFIX}/${n}`);

/**
 * No TLS mode through raw annotations on a plain-HTTP exposure (`owner`: the construct's class):
 * `ssl-passthrough` there would bypass every passthrough rule (exact host, path "/", a controller
 * with --enable-ssl-passthrough), and `proxy-ssl-*` every re-encryption rule.
 */
export function tlsModeAnnotationProblems(annotations: Record<string, string>, owner: string): Problem[] {
  return Object.keys(annotations).filter(key => TLS_MODE_ANNOTATIONS.includes(key)).map(key =>
    forbidden(FieldPath.metadata('annotations').key(key), annotations[key], `sets a TLS mode on ${owner} through a raw annotation, bypassing ` +
      'the checks of that mode (exact host, path "/", a controller with --enable-ssl-passthrough, the backend CA Secret); ' +
      'allowed: TlsIngress with mode PASSTHROUGH or REENCRYPT instead'));
}

export { INGRESS_CLASS_ANNOTATION };

/**
 * User annotations: never the deprecated class annotation, never one the target manages for the
 * exposure's mode (`managed`: full keys; `owner`: the construct's class name).
 */
export function userAnnotationProblems(annotations: Record<string, string>, managed: readonly string[], owner: string): Problem[] {
  const problems: Problem[] = [];
  for (const key of Object.keys(annotations)) {
    const field = FieldPath.metadata('annotations').key(key);
    if (key === INGRESS_CLASS_ANNOTATION) {
      problems.push(forbidden(field, annotations[key], 'is deprecated and rejected together with spec.ingressClassName; allowed: set props.ingressClassName instead'));
    } else if (managed.includes(key)) {
      problems.push(forbidden(field, annotations[key], `is managed by ${owner} for this mode; allowed: other annotations (remove ${show(key)})`));
    }
  }
  return problems;
}

/** A `*-snippet` annotation (ingress-nginx refuses them all when `allow-snippet-annotations` is false, `CheckIngress`). */
export function isSnippetAnnotation(key: string): boolean {
  return key.endsWith('-snippet');
}
