/**
 * Generic value rules: integer ranges, enum values, image references.
 */
import { reject as fail, show } from '../core/errors';
import { FieldPath } from '../core/field-path';

/** An integer within [min, max] (replicas and the like). */
export function validateIntegerRange(path: string, field: FieldPath | string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(path, String(field), `${show(value)} is not allowed; allowed: an integer from ${min} to ${max}`);
  }
  return value;
}

/** A non-empty container image reference without whitespace. */
export function validateImage(path: string, field: FieldPath | string, value: string): string {
  if (value.length === 0 || /\s/.test(value)) {
    fail(path, String(field), `${show(value)} is not a valid image reference; allowed: a non-empty reference without whitespace (e.g. "nginx:1.27")`);
  }
  return value;
}

/** One of a fixed set of string values (an enum prop). */
export function validateOneOf<T extends string>(path: string, field: FieldPath | string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    fail(path, String(field), `${show(value)} is not allowed; allowed: ${allowed.map(a => show(a)).join(', ')}`);
  }
  return value;
}
