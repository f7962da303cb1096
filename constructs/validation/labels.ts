/**
 * Label rules: keys (qualified names) and values (apimachinery's `ValidateLabels`).
 */
import { FieldPath } from '../core/field-path';
import { invalid, Problem, required, show } from '../core/problem';
import { dns1123SubdomainProblems } from './names';

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export function labelKeyProblems(field: FieldPath | string, key: string): Problem[] {
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const prefix = dns1123SubdomainProblems(`${field} (prefix of label key ${show(key)})`, parts[0]);
    if (prefix.length > 0) return prefix;
    name = parts[1];
  }
  if (parts.length <= 2 && name.length > 0 && name.length <= 63 && QUALIFIED_NAME.test(name)) return [];
  return [invalid(field, key, `${show(key)} is not a valid label key; allowed: an optional DNS subdomain prefix and '/', ` +
    'then at most 63 alphanumerics, \'-\', \'_\' or \'.\', alphanumeric at both ends')];
}

/** A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends. */
export function labelValueProblems(field: FieldPath | string, value: string): Problem[] {
  if (value.length <= 63 && LABEL_VALUE.test(value)) return [];
  return [invalid(field, value, `${show(value)} is not a valid label value; allowed: empty, or at most 63 alphanumerics, ` +
    '\'-\', \'_\' or \'.\', alphanumeric at both ends')];
}

/** A label map (metadata.labels, a Service selector); `requireNonEmpty` for selectors. */
export function labelsProblems(field: FieldPath | string, labels: Record<string, string>, requireNonEmpty = false): Problem[] {
  const keys = Object.keys(labels);
  if (requireNonEmpty && keys.length === 0) {
    return [required(field, 'is empty; allowed: at least one label (an empty selector would select nothing for a Service\'s endpoints)')];
  }
  return keys.flatMap(key => {
    const keyProblems = labelKeyProblems(`${field}[${show(key)}]`, key);
    return keyProblems.length > 0 ? keyProblems : labelValueProblems(`${field}[${show(key)}]`, labels[key]);
  });
}
