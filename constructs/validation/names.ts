/**
 * Name rules: DNS-1123 labels and subdomains, DNS-1035 labels, Ingress hosts
 * (apimachinery's `IsDNS1123Label`, `IsDNS1123Subdomain`, `IsDNS1035Label`; networking's
 * `validateIngressRules` for hosts).
 */
import * as net from 'net';
import { reject as fail, show } from '../core/errors';
import { FieldPath } from '../core/field-path';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label: at most 63 characters of lowercase letters, digits and '-', alphanumeric at both ends. */
export function validateDns1123Label(path: string, field: FieldPath | string, value: string): string {
  if (value.length === 0 || value.length > 63 || !DNS1123_LABEL.test(value)) {
    fail(path, String(field), `${show(value)} is not a valid DNS-1123 label; allowed: 1-63 lowercase letters, digits ` +
      'or \'-\', starting and ending with a letter or digit (e.g. "my-name")');
  }
  return value;
}

/** A DNS-1035 label (Service names): a DNS-1123 label that starts with a letter. */
export function validateDns1035Label(path: string, field: FieldPath | string, value: string): string {
  if (value.length === 0 || value.length > 63 || !DNS1035_LABEL.test(value)) {
    fail(path, String(field), `${show(value)} is not a valid DNS-1035 label; allowed: 1-63 lowercase letters, digits ` +
      'or \'-\', starting with a letter and ending with a letter or digit (e.g. "my-service")');
  }
  return value;
}

/** Whether `value` is a DNS-1123 subdomain (the test behind `validateDns1123Subdomain`). */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && value.split('.').every(l => l.length <= 63 && DNS1123_LABEL.test(l));
}

/** A DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels. */
export function validateDns1123Subdomain(path: string, field: FieldPath | string, value: string): string {
  if (!isDns1123Subdomain(value)) {
    fail(path, String(field), `${show(value)} is not a valid DNS-1123 subdomain; allowed: at most 253 characters of ` +
      'dot-separated labels of lowercase letters, digits and \'-\' (e.g. "example.com")');
  }
  return value;
}

/**
 * An Ingress rule host: a DNS-1123 subdomain, not an IP address; a wildcard `*.` prefix only
 * when `allowWildcard` (ingress-nginx passthrough needs an exact host).
 */
export function validateIngressHost(path: string, field: FieldPath | string, value: string, allowWildcard = true): string {
  if (net.isIP(value) !== 0) {
    fail(path, String(field), `${show(value)} is an IP address; allowed: a DNS name (an Ingress host may not be an IP)`);
  }
  if (value.includes('*')) {
    if (!allowWildcard) {
      fail(path, String(field), `${show(value)} is a wildcard host; allowed here: an exact DNS name (e.g. "svc5.example.com")`);
    }
    // Checked as a whole so that the error shows the host as given, not the part after "*.".
    if (!value.startsWith('*.') || value.indexOf('*', 1) !== -1 || value.length > 253 || !isDns1123Subdomain(value.slice(2))) {
      fail(path, String(field), `${show(value)} is not a valid wildcard host; allowed: "*." followed by a DNS-1123 subdomain, ` +
        'at most 253 characters in all (e.g. "*.example.com")');
    }
    return value;
  }
  return validateDns1123Subdomain(path, field, value);
}
