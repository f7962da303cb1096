/**
 * Object metadata rules: annotation keys and their total size, namespaces (apimachinery's
 * `ValidateAnnotations`, `ValidateAnnotationsSize` and `ValidateNamespaceName` in
 * `pkg/api/validation/objectmeta.go`, `IsQualifiedName` in `pkg/util/validation`).
 */
import { FieldPath } from '../core/field-path';
import { invalid, Problem, show } from '../core/problem';
import { dns1123LabelProblems, isDns1123Subdomain } from './names';

/** apimachinery's `TotalAnnotationSizeLimitB`: 256 KiB, counted as the sum of len(key) + len(value) in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/**
 * What is wrong with `key` as a qualified name (`IsQualifiedName`), or undefined: an optional
 * DNS-1123 subdomain prefix (at most 253 characters) and '/', then a name of at most 63
 * alphanumerics, '-', '_' or '.', alphanumeric at both ends.
 */
export function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `it has ${parts.length - 1} '/' (at most one, after the prefix)`;
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'its prefix (before \'/\') is empty';
    if (prefix.length > 253) return `its prefix has ${prefix.length} characters (at most 253)`;
    if (!isDns1123Subdomain(prefix)) return `its prefix ${show(prefix)} is not a DNS-1123 subdomain`;
  }
  if (name.length === 0) return 'its name part is empty';
  if (name.length > 63) return `its name part has ${name.length} characters (at most 63)`;
  if (!QUALIFIED_NAME.test(name)) return `its name part ${show(name)} must consist of alphanumerics, '-', '_' or '.', alphanumeric at both ends`;
  return undefined;
}

/**
 * An annotation key: a qualified name, compared in lower case (`ValidateAnnotations` lower-cases
 * the key before `IsQualifiedName`, so `Example.com/Key` is valid).
 */
export function annotationKeyProblems(field: FieldPath, key: string): Problem[] {
  const problem = qualifiedNameProblem(key.toLowerCase());
  if (problem === undefined) return [];
  return [invalid(field, key, `${show(key)} is not a valid annotation key: ${problem}; allowed: an optional DNS subdomain prefix ` +
    'of at most 253 characters and \'/\', then a name of 1-63 alphanumerics, \'-\', \'_\' or \'.\' (e.g. "example.com/my-key")')];
}

/** The total size of annotations as the API server counts it: bytes of every key and value (`ValidateAnnotationsSize`). */
export function annotationsSize(annotations: Record<string, string>): number {
  return Object.entries(annotations).reduce((n, [k, v]) => n + Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8'), 0);
}

/** Annotations together at most 256 KiB (`TotalAnnotationSizeLimitB`). */
export function annotationsSizeProblems(field: FieldPath, annotations: Record<string, string>): Problem[] {
  const size = annotationsSize(annotations);
  if (size <= TOTAL_ANNOTATION_SIZE_LIMIT_B) return [];
  return [invalid(field, size, `total ${size} bytes (keys and values) is too long; allowed: at most ${TOTAL_ANNOTATION_SIZE_LIMIT_B} ` +
    'bytes (256 KiB, the API server\'s TotalAnnotationSizeLimitB)')];
}

/** An annotation map: every key a qualified name, the total within 256 KiB (`ValidateAnnotations`). */
export function annotationsProblems(field: FieldPath, annotations: Record<string, string>): Problem[] {
  return [...Object.keys(annotations).flatMap(key => annotationKeyProblems(field.key(key), key)), ...annotationsSizeProblems(field, annotations)];
}

/** `metadata.namespace`: a DNS-1123 label (`ValidateNamespaceName`), e.g. a chart's namespace. */
export function namespaceNameProblems(field: FieldPath | string, namespace: string): Problem[] {
  return dns1123LabelProblems(field, namespace);
}
