/**
 * Generic value rules: integer ranges, enum values (image references: `image-references.ts`).
 */
import { FieldPath } from '../core/field-path';
import { invalid, notSupported, Problem, show } from '../core/problem';

/** An integer within [min, max] (replicas and the like). */
export function integerRangeProblems(field: FieldPath | string, value: number, min: number, max: number): Problem[] {
  if (Number.isInteger(value) && value >= min && value <= max) return [];
  return [invalid(field, value, `${show(value)} is not allowed; allowed: an integer from ${min} to ${max}`)];
}

/** One of a fixed set of string values (an enum prop). */
export function oneOfProblems<T extends string>(field: FieldPath | string, value: T, allowed: readonly T[]): Problem[] {
  if (allowed.includes(value)) return [];
  return [notSupported(field, value, `${show(value)} is not allowed; allowed: ${allowed.map(a => show(a)).join(', ')}`)];
}
