/**
 * Duration rules: Go `time.ParseDuration` strings, as cert-manager's `spec.duration` and
 * `spec.renewBefore` take them.
 */
import { FieldPath } from '../core/field-path';
import { invalid, Problem, show } from '../core/problem';

const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** A Go duration: one or more `<number><unit>` terms, units ns, us, µs, ms, s, m, h (e.g. `2160h`, `1h30m`). */
export function goDurationProblems(field: FieldPath | string, value: string): Problem[] {
  if (GO_DURATION.test(value)) return [];
  return [invalid(field, value,
    `${show(value)} is not a Go duration; allowed: a number and unit, repeated (ns, us, ms, s, m, h), e.g. "2160h" or "90m"`)];
}
