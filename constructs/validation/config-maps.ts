/**
 * ConfigMap rules (apimachinery's `IsConfigMapKey`).
 */
import { FieldPath } from '../core/field-path';
import { invalid, Problem, show } from '../core/problem';

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** A ConfigMap data key: 1-253 letters, digits, '-', '_' or '.'. */
export function configMapKeyProblems(field: FieldPath | string, key: string): Problem[] {
  if (key.length > 0 && key.length <= 253 && CONFIG_MAP_KEY.test(key)) return [];
  return [invalid(field, key, `${show(key)} is not a valid ConfigMap key; allowed: 1-253 letters, digits, '-', '_' or '.'`)];
}
