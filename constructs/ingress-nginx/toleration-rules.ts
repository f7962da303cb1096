/**
 * Rules of the controller pods' tolerations, field by field (the API server's `validateTolerations`;
 * moved from constructs/validation/tolerations.ts). Each returns its problems.
 */
import { FieldPath } from '../core/field-path';
import { forbidden, invalid, Problem, show } from '../core/problem';
import { labelKeyProblems, labelValueProblems } from '../validation/labels';
import { integerRangeProblems, oneOfProblems } from '../validation/values';
import { TaintEffect, Toleration, TolerationOperator, withDefaultOperator } from './tolerations';

/** `key`: a label key, or empty only with operator Exists (which then tolerates every taint). */
export function tolerationKeyProblems(field: FieldPath, key: string | undefined, operator: TolerationOperator): Problem[] {
  if (key !== undefined && key !== '') return labelKeyProblems(field.child('key'), key);
  if (operator === TolerationOperator.EXISTS) return [];
  return [invalid(field.child('operator'), operator, `${show(operator)} with an empty key; allowed: operator Exists when key is empty (tolerate everything)`)];
}

/** `value`: none with operator Exists; a label value with Equal. */
export function tolerationValueProblems(field: FieldPath, value: string | undefined, operator: TolerationOperator): Problem[] {
  if (operator === TolerationOperator.EXISTS && (value ?? '') !== '') {
    return [forbidden(field.child('value'), value, `${show(value)} is set with operator Exists; allowed: no value with Exists`)];
  }
  if (operator === TolerationOperator.EQUAL && value !== undefined) return labelValueProblems(field.child('value'), value);
  return [];
}

/** `tolerationSeconds`: only with effect NoExecute, a non-negative integer. */
export function tolerationSecondsProblems(field: FieldPath, seconds: number | undefined, effect: TaintEffect | undefined): Problem[] {
  if (seconds === undefined) return [];
  const secondsField = field.child('tolerationSeconds');
  const problems = effect === TaintEffect.NO_EXECUTE ? []
    : [forbidden(secondsField, seconds, `${seconds} is set with effect ${effect ?? '(any)'}; allowed: only with effect NoExecute`)];
  return [...problems, ...integerRangeProblems(secondsField, seconds, 0, Number.MAX_SAFE_INTEGER)];
}

/** One toleration (`field` is the toleration, e.g. `spec.template.spec.tolerations[0]`); the operator defaults to Equal. */
export function tolerationProblems(field: FieldPath, toleration: Toleration): Problem[] {
  const t = withDefaultOperator(toleration);
  const operator = t.operator;
  return [
    ...oneOfProblems(field.child('operator'), operator, Object.values(TolerationOperator)),
    ...(t.effect === undefined ? [] : oneOfProblems(field.child('effect'), t.effect, Object.values(TaintEffect))),
    ...tolerationKeyProblems(field, t.key, operator),
    ...tolerationValueProblems(field, t.value, operator),
    ...tolerationSecondsProblems(field, t.tolerationSeconds, t.effect),
  ];
}
