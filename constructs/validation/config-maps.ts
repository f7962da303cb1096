/**
 * ConfigMap rules (apimachinery's `IsConfigMapKey`).
 */
import { reject, show } from '../core/errors';
import { FieldPath } from '../core/field-path';

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** A ConfigMap data key: 1-253 letters, digits, '-', '_' or '.'. */
export function validateConfigMapKey(path: string, field: FieldPath, key: string): string {
  if (key.length === 0 || key.length > 253 || !CONFIG_MAP_KEY.test(key)) {
    reject(path, field.toString(), `${show(key)} is not a valid ConfigMap key; allowed: 1-253 letters, digits, '-', '_' or '.'`);
  }
  return key;
}
