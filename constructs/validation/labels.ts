/**
 * Label rules: keys (qualified names) and values (apimachinery's `ValidateLabels`).
 */
import { reject as fail, show } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { validateDns1123Subdomain } from './names';

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export function validateLabelKey(path: string, field: FieldPath | string, key: string): string {
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    validateDns1123Subdomain(path, `${field} (prefix of label key ${show(key)})`, parts[0]);
    name = parts[1];
  }
  if (parts.length > 2 || name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    fail(path, String(field), `${show(key)} is not a valid label key; allowed: an optional DNS subdomain prefix and '/', ` +
      'then at most 63 alphanumerics, \'-\', \'_\' or \'.\', alphanumeric at both ends');
  }
  return key;
}

/** A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends. */
export function validateLabelValue(path: string, field: FieldPath | string, value: string): string {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    fail(path, String(field), `${show(value)} is not a valid label value; allowed: empty, or at most 63 alphanumerics, ` +
      '\'-\', \'_\' or \'.\', alphanumeric at both ends');
  }
  return value;
}

/** A label map (metadata.labels, a Service selector); `requireNonEmpty` for selectors. */
export function validateLabels(path: string, field: FieldPath | string, labels: Record<string, string>, requireNonEmpty = false): Record<string, string> {
  const keys = Object.keys(labels);
  if (requireNonEmpty && keys.length === 0) {
    fail(path, String(field), 'is empty; allowed: at least one label (an empty selector would select nothing for a Service\'s endpoints)');
  }
  for (const key of keys) {
    validateLabelKey(path, `${field}[${show(key)}]`, key);
    validateLabelValue(path, `${field}[${show(key)}]`, labels[key]);
  }
  return labels;
}
