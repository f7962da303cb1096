/**
 * The Kubernetes API server's field rules that cdk8s-expose enforces at construction time.
 *
 * One small function per rule, named after what it checks, mirroring
 * `k8s.io/kubernetes/pkg/apis/core/validation` and `.../networking/validation`. Every
 * function takes the construct path and the field path so that an error reads like:
 *
 *   [Lab/NodePort/Service] spec.ports[0].nodePort: 40000 is outside the allowed range 30000-32767
 */
import * as net from 'net';
import { Construct } from 'constructs';

const VALIDATION_ERROR_BRAND = Symbol.for('cdk8s-expose.ExposeValidationError');

/**
 * Thrown for any input that Kubernetes, ingress-nginx or cdk8s-expose would reject.
 *
 * TypeScript-only (a subclass of Error is not jsii-compatible): it is exported from
 * `cdk8s-expose/errors`; the package entry has `ExposeErrors.isValidationError()` for every language.
 */
export class ExposeValidationError extends Error {
  /** Whether `x` is an ExposeValidationError, also one thrown by another copy of this package. */
  public static isExposeValidationError(x: unknown): x is ExposeValidationError {
    return typeof x === 'object' && x !== null && (x as any)[VALIDATION_ERROR_BRAND] === true;
  }

  /** The construct path of the construct whose input is wrong. */
  public readonly constructPath: string;
  /** The field, as a Kubernetes field path or a props name (`spec.ports[0].nodePort`, `props.host`). */
  public readonly field: string;

  constructor(constructPath: string, field: string, message: string) {
    super(`[${constructPath}] ${field}: ${message}`);
    this.name = 'ExposeValidationError';
    Object.defineProperty(this, VALIDATION_ERROR_BRAND, { value: true });
    this.constructPath = constructPath;
    this.field = field;
  }
}

/** The path a construct will have once `new X(scope, id)` returns; usable before `super()` ran. */
export function pathOf(scope: Construct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

function fail(path: string, field: string, message: string): never {
  throw new ExposeValidationError(path, field, message);
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

// ---------------------------------------------------------------------------------- ports

/** The API server's default `--service-node-port-range`. */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

/** A port number: an integer 1-65535 (containerPort, hostPort, Service port and targetPort). */
export function validatePortNumber(path: string, field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    fail(path, field, `${show(value)} is not a valid port number; allowed: an integer from 1 to 65535`);
  }
  return value;
}

/**
 * A Service nodePort: an integer in the API server's `--service-node-port-range`,
 * 30000-32767 unless the cluster was configured otherwise.
 */
export function validateNodePort(path: string, field: string, value: number): number {
  if (!Number.isInteger(value) || value < NODE_PORT_RANGE.min || value > NODE_PORT_RANGE.max) {
    fail(path, field, `${show(value)} is outside the allowed range ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max} ` +
      '(the API server\'s default --service-node-port-range)');
  }
  return value;
}

const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * A named port (container port name, Service port name an Ingress refers to):
 * IANA_SVC_NAME, at most 15 characters, lowercase letters, digits and single hyphens,
 * at least one letter.
 */
export function validatePortName(path: string, field: string, value: string): string {
  const problems: string[] = [];
  if (value.length === 0 || value.length > 15) problems.push(`must be 1-15 characters (has ${value.length})`);
  if (!IANA_SVC_NAME.test(value)) problems.push('must consist of lowercase letters, digits and \'-\', and start and end with a letter or digit');
  if (value.includes('--')) problems.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(value)) problems.push('must contain at least one letter');
  if (problems.length > 0) fail(path, field, `${show(value)} is not a valid port name (IANA_SVC_NAME): ${problems.join('; ')}`);
  return value;
}

// ---------------------------------------------------------------------------------- IP addresses

function ipv4Octets(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** The IPv4 address an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) stands for, or undefined. */
function mappedIpv4(ip: string): string | undefined {
  const m = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(ip);
  if (!m || net.isIP(ip) !== 6) return undefined;
  const [, tail] = m;
  if (net.isIPv4(tail)) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!hex) return undefined;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

/**
 * Why an address is special (unspecified, loopback, link-local), or undefined. Mirrors
 * `ValidateNonSpecialIP`, which uses Go's net.IP predicates: an IPv4-mapped IPv6 address counts
 * as its IPv4 address, and link-local multicast is ff02::/16 with any flags nibble (ffX2::/16).
 */
export function specialIpReason(ip: string): string | undefined {
  let family = net.isIP(ip);
  const mapped = family === 6 ? mappedIpv4(ip) : undefined;
  if (mapped !== undefined) {
    ip = mapped;
    family = 4;
  }
  if (family === 4) {
    const [a, b, c] = ipv4Octets(ip);
    if (ip === '0.0.0.0') return 'the unspecified address';
    if (a === 127) return 'a loopback address (127.0.0.0/8)';
    if (a === 169 && b === 254) return 'a link-local address (169.254.0.0/16)';
    if (a === 224 && b === 0 && c === 0) return 'a link-local multicast address (224.0.0.0/24)';
    return undefined;
  }
  if (family === 6) {
    const lower = ip.toLowerCase();
    const blocks = new net.BlockList();
    blocks.addSubnet('fe80::', 10, 'ipv6');
    const multicast = new net.BlockList();
    for (let flags = 0; flags < 16; flags++) multicast.addSubnet(`ff${flags.toString(16)}2::`, 16, 'ipv6');
    const unspecified = new net.BlockList();
    unspecified.addAddress('::', 'ipv6');
    const loopback = new net.BlockList();
    loopback.addAddress('::1', 'ipv6');
    if (unspecified.check(lower, 'ipv6')) return 'the unspecified address';
    if (loopback.check(lower, 'ipv6')) return 'the loopback address (::1)';
    if (blocks.check(lower, 'ipv6')) return 'a link-local address (fe80::/10)';
    if (multicast.check(lower, 'ipv6')) return 'a link-local multicast address (ff02::/16, any flags: ffX2::/16)';
  }
  return undefined;
}

/** Any valid IPv4 or IPv6 address in canonical textual form (hostIP). */
export function validateIpAddress(path: string, field: string, value: string): string {
  // Node's isIP accepts an IPv6 zone ("fe80::1%eth0"); the API server's IP parser does not.
  if (net.isIP(value) === 0 || value.includes('%')) {
    fail(path, field, `${show(value)} is not a valid IP address; allowed: an IPv4 (e.g. 10.0.0.1) or IPv6 address without a zone`);
  }
  return value;
}

/**
 * A Service externalIP: a valid IP that is not unspecified, loopback or link-local
 * (the API server's `ValidateNonSpecialIP`).
 */
export function validateExternalIp(path: string, field: string, value: string): string {
  validateIpAddress(path, field, value);
  const reason = specialIpReason(value);
  if (reason) {
    fail(path, field, `${show(value)} is ${reason}; allowed: a routable IP of a node or a floating IP that reaches the nodes`);
  }
  return value;
}

// ---------------------------------------------------------------------------------- names

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label: at most 63 characters of lowercase letters, digits and '-', alphanumeric at both ends. */
export function validateDns1123Label(path: string, field: string, value: string): string {
  if (value.length === 0 || value.length > 63 || !DNS1123_LABEL.test(value)) {
    fail(path, field, `${show(value)} is not a valid DNS-1123 label; allowed: 1-63 lowercase letters, digits ` +
      'or \'-\', starting and ending with a letter or digit (e.g. "my-name")');
  }
  return value;
}

/** A DNS-1035 label (Service names): a DNS-1123 label that starts with a letter. */
export function validateDns1035Label(path: string, field: string, value: string): string {
  if (value.length === 0 || value.length > 63 || !DNS1035_LABEL.test(value)) {
    fail(path, field, `${show(value)} is not a valid DNS-1035 label; allowed: 1-63 lowercase letters, digits ` +
      'or \'-\', starting with a letter and ending with a letter or digit (e.g. "my-service")');
  }
  return value;
}

function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && value.split('.').every(l => l.length <= 63 && DNS1123_LABEL.test(l));
}

/** A DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels. */
export function validateDns1123Subdomain(path: string, field: string, value: string): string {
  if (!isDns1123Subdomain(value)) {
    fail(path, field, `${show(value)} is not a valid DNS-1123 subdomain; allowed: at most 253 characters of ` +
      'dot-separated labels of lowercase letters, digits and \'-\' (e.g. "example.com")');
  }
  return value;
}

/**
 * An Ingress rule host: a DNS-1123 subdomain, not an IP address; a wildcard `*.` prefix only
 * when `allowWildcard` (ingress-nginx passthrough needs an exact host).
 */
export function validateIngressHost(path: string, field: string, value: string, allowWildcard = true): string {
  if (net.isIP(value) !== 0) {
    fail(path, field, `${show(value)} is an IP address; allowed: a DNS name (an Ingress host may not be an IP)`);
  }
  if (value.includes('*')) {
    if (!allowWildcard) {
      fail(path, field, `${show(value)} is a wildcard host; allowed here: an exact DNS name (e.g. "svc5.example.com")`);
    }
    // Checked as a whole so that the error shows the host as given, not the part after "*.".
    if (!value.startsWith('*.') || value.indexOf('*', 1) !== -1 || value.length > 253 || !isDns1123Subdomain(value.slice(2))) {
      fail(path, field, `${show(value)} is not a valid wildcard host; allowed: "*." followed by a DNS-1123 subdomain, ` +
        'at most 253 characters in all (e.g. "*.example.com")');
    }
    return value;
  }
  return validateDns1123Subdomain(path, field, value);
}

// ---------------------------------------------------------------------------------- labels

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export function validateLabelKey(path: string, field: string, key: string): string {
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    validateDns1123Subdomain(path, `${field} (prefix of label key ${show(key)})`, parts[0]);
    name = parts[1];
  }
  if (parts.length > 2 || name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    fail(path, field, `${show(key)} is not a valid label key; allowed: an optional DNS subdomain prefix and '/', ` +
      'then at most 63 alphanumerics, \'-\', \'_\' or \'.\', alphanumeric at both ends');
  }
  return key;
}

/** A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends. */
export function validateLabelValue(path: string, field: string, value: string): string {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    fail(path, field, `${show(value)} is not a valid label value; allowed: empty, or at most 63 alphanumerics, ` +
      '\'-\', \'_\' or \'.\', alphanumeric at both ends');
  }
  return value;
}

/** A label map (metadata.labels, a Service selector); `requireNonEmpty` for selectors. */
export function validateLabels(path: string, field: string, labels: Record<string, string>, requireNonEmpty = false): Record<string, string> {
  const keys = Object.keys(labels);
  if (requireNonEmpty && keys.length === 0) {
    fail(path, field, 'is empty; allowed: at least one label (an empty selector would select nothing for a Service\'s endpoints)');
  }
  for (const key of keys) {
    validateLabelKey(path, `${field}[${show(key)}]`, key);
    validateLabelValue(path, `${field}[${show(key)}]`, labels[key]);
  }
  return labels;
}

// ---------------------------------------------------------------------------------- ingress paths

/** Ingress path types (networking.k8s.io/v1). */
export enum PathType {
  /** Matches on the URL path prefix, split by '/', element by element. */
  PREFIX = 'Prefix',
  /** Matches the URL path exactly, case-sensitively. */
  EXACT = 'Exact',
  /** Matching is up to the IngressClass (ingress-nginx: prefix, or regex with use-regex). */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/**
 * An Ingress path: absolute (begins with '/'); for Prefix and Exact also free of
 * '//', '/./', '/../', '%2f', '%2F' and not ending in '/.' or '/..' (the API server's
 * `validateHTTPIngressPath`).
 */
export function validateIngressPath(path: string, field: string, value: string, pathType: PathType): string {
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

// ---------------------------------------------------------------------------------- misc

/** An integer within [min, max] (replicas and the like). */
export function validateIntegerRange(path: string, field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(path, field, `${show(value)} is not allowed; allowed: an integer from ${min} to ${max}`);
  }
  return value;
}

/** A non-empty container image reference without whitespace. */
export function validateImage(path: string, field: string, value: string): string {
  if (value.length === 0 || /\s/.test(value)) {
    fail(path, field, `${show(value)} is not a valid image reference; allowed: a non-empty reference without whitespace (e.g. "nginx:1.27")`);
  }
  return value;
}

/** One of a fixed set of string values (an enum prop). */
export function validateOneOf<T extends string>(path: string, field: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    fail(path, field, `${show(value)} is not allowed; allowed: ${allowed.map(a => show(a)).join(', ')}`);
  }
  return value;
}

/** Throws the standard error for a rule checked elsewhere (mode rules, cross-field rules). */
export function reject(path: string, field: string, message: string): never {
  fail(path, field, message);
}
