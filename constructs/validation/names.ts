/**
 * Name rules: DNS-1123 labels and subdomains, DNS-1035 labels, Ingress hosts
 * (apimachinery's `IsDNS1123Label`, `IsDNS1123Subdomain`, `IsDNS1035Label`; networking's
 * `validateIngressRules` for hosts).
 */
import { FieldPath } from '../core/field-path';
import { forbidden, invalid, Problem, show } from '../core/problem';
import { ipFamily } from './ip-addresses';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label: at most 63 characters of lowercase letters, digits and '-', alphanumeric at both ends. */
export function dns1123LabelProblems(field: FieldPath | string, value: string): Problem[] {
  if (value.length > 0 && value.length <= 63 && DNS1123_LABEL.test(value)) return [];
  return [invalid(field, value, `${show(value)} is not a valid DNS-1123 label; allowed: 1-63 lowercase letters, digits ` +
    'or \'-\', starting and ending with a letter or digit (e.g. "my-name")')];
}

/** A DNS-1035 label (Service names): a DNS-1123 label that starts with a letter. */
export function dns1035LabelProblems(field: FieldPath | string, value: string): Problem[] {
  if (value.length > 0 && value.length <= 63 && DNS1035_LABEL.test(value)) return [];
  return [invalid(field, value, `${show(value)} is not a valid DNS-1035 label; allowed: 1-63 lowercase letters, digits ` +
    'or \'-\', starting with a letter and ending with a letter or digit (e.g. "my-service")')];
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Whether `value` is a DNS-1123 subdomain as apimachinery's `IsDNS1123Subdomain` tests it: at most
 * 253 characters matching `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`. There is
 * no per-label length limit: a 64-character Pod or Secret name is valid.
 */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** Which part of `IsDNS1123Subdomain` fails, for the message. */
function subdomainProblem(value: string): string {
  if (value.length === 0) return 'it is empty';
  if (value.length > 253) return `it has ${value.length} characters (at most 253)`;
  return 'it must consist of lowercase letters, digits, \'-\' and \'.\', with a letter or digit at both ends of each dot-separated part';
}

/** A DNS-1123 subdomain (object names, Secret and class names): apimachinery's `IsDNS1123Subdomain`. */
export function dns1123SubdomainProblems(field: FieldPath | string, value: string): Problem[] {
  if (isDns1123Subdomain(value)) return [];
  return [invalid(field, value, `${show(value)} is not a valid DNS-1123 subdomain: ${subdomainProblem(value)}; allowed: at most 253 characters of ` +
    'dot-separated parts of lowercase letters, digits and \'-\' (e.g. "example.com")')];
}

/**
 * A DNS host name a client can look up: a DNS-1123 subdomain whose dot-separated labels have at
 * most 63 characters each (RFC 1035 section 2.3.4). The API server checks Ingress hosts only with
 * `IsDNS1123Subdomain` (no label limit), but a longer label cannot be resolved nor sent as SNI by
 * standard clients, so such an Ingress could never be reached.
 */
function dnsHostLabelProblems(field: FieldPath | string, host: string, shown: string): Problem[] {
  const long = host.split('.').find(l => l.length > 63);
  if (long === undefined) return [];
  return [invalid(field, shown, `${show(shown)} has a ${long.length}-character label ${show(long)}; a DNS host name's labels have at most ` +
    '63 characters (RFC 1035; the API server accepts it, but no client can resolve it); allowed: labels of 1-63 characters')];
}

/**
 * An Ingress rule host: a DNS-1123 subdomain, not an IP address; a wildcard `*.` prefix only
 * when `allowWildcard` (ingress-nginx passthrough needs an exact host).
 */
export function ingressHostProblems(field: FieldPath | string, value: string, allowWildcard = true): Problem[] {
  if (ipFamily(value) !== 0) {
    return [invalid(field, value, `${show(value)} is an IP address; allowed: a DNS name (an Ingress host may not be an IP)`)];
  }
  if (!value.includes('*')) {
    const subdomain = dns1123SubdomainProblems(field, value);
    return subdomain.length > 0 ? subdomain : dnsHostLabelProblems(field, value, value);
  }
  if (!allowWildcard) {
    return [forbidden(field, value, `${show(value)} is a wildcard host; allowed here: an exact DNS name (e.g. "svc5.example.com")`)];
  }
  // apimachinery's IsWildcardDNS1123Subdomain, checked as a whole so that the error shows the host as given
  if (!value.startsWith('*.') || value.indexOf('*', 1) !== -1 || value.length > 253 || !DNS1123_SUBDOMAIN.test(value.slice(2))) {
    return [invalid(field, value, `${show(value)} is not a valid wildcard host (IsWildcardDNS1123Subdomain); allowed: "*." followed by a ` +
      'DNS-1123 subdomain, at most 253 characters in all (e.g. "*.example.com")')];
  }
  return dnsHostLabelProblems(field, value.slice(2), value);
}
