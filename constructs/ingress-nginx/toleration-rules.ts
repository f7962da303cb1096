/**
 * Pod toleration rules of the controller (the API server's `validateTolerations`; moved from
 * constructs/validation/tolerations.ts). Operator and effect are the API's strings; whether they
 * are known values is checked by the caller with `validateOneOf`.
 */
import { reject, show } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { validateLabelKey, validateLabelValue } from '../validation/labels';
import { validateIntegerRange } from '../validation/values';

// The API's values (core.TolerationOpExists, core.TolerationOpEqual, core.TaintEffectNoExecute).
const EXISTS = 'Exists';
const EQUAL = 'Equal';
const NO_EXECUTE = 'NoExecute';

/** A toleration as the API sees it. */
export interface TolerationFields {
  readonly key?: string;
  readonly operator: string;
  readonly value?: string;
  readonly effect?: string;
  readonly tolerationSeconds?: number;
}

/** `key`: a label key, or empty only with operator Exists (which then tolerates every taint). */
export function validateTolerationKey(path: string, field: FieldPath, key: string | undefined, operator: string): void {
  if (key !== undefined && key !== '') validateLabelKey(path, field.child('key').toString(), key);
  if ((key ?? '') === '' && operator !== EXISTS) {
    reject(path, field.child('operator').toString(),
      `${show(operator)} with an empty key; allowed: operator Exists when key is empty (tolerate everything)`);
  }
}

/** `value`: none with operator Exists; a label value with Equal. */
export function validateTolerationValue(path: string, field: FieldPath, value: string | undefined, operator: string): void {
  if (operator === EXISTS && (value ?? '') !== '') {
    reject(path, field.child('value').toString(), `${show(value)} is set with operator Exists; allowed: no value with Exists`);
  }
  if (operator === EQUAL && value !== undefined) validateLabelValue(path, field.child('value').toString(), value);
}

/** `tolerationSeconds`: only with effect NoExecute, a non-negative integer. */
export function validateTolerationSeconds(path: string, field: FieldPath, seconds: number | undefined, effect: string | undefined): void {
  if (seconds === undefined) return;
  const secondsField = field.child('tolerationSeconds').toString();
  if (effect !== NO_EXECUTE) {
    reject(path, secondsField, `${seconds} is set with effect ${effect ?? '(any)'}; allowed: only with effect NoExecute`);
  }
  validateIntegerRange(path, secondsField, seconds, 0, Number.MAX_SAFE_INTEGER);
}

/** One toleration, field by field (`field` is the toleration, e.g. `spec.template.spec.tolerations[0]`). */
export function validateToleration<T extends TolerationFields>(path: string, field: FieldPath, t: T): T {
  validateTolerationKey(path, field, t.key, t.operator);
  validateTolerationValue(path, field, t.value, t.operator);
  validateTolerationSeconds(path, field, t.tolerationSeconds, t.effect);
  return t;
}
