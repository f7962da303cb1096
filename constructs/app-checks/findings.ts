/**
 * What an app-wide check reports: a Finding, error or warning, about one object. It carries the
 * same {@link Problem} as a construction error (the field, the bad value, the kind of problem and
 * the detail); `message` is its text.
 */
import { Problem, problemText } from '../core/problem';

/**
 * How bad a finding is.
 * @experimental
 */
export enum FindingSeverity {
  /** The synth fails. */
  ERROR = 'ERROR',
  /** Printed after synth; the output is still written. */
  WARNING = 'WARNING',
}

/**
 * One result of the app-wide checks.
 * @experimental
 */
export interface Finding {
  /** Error or warning. */
  readonly severity: FindingSeverity;
  /** Construct path of the object the finding is about. */
  readonly path: string;
  /**
   * Which rule found it (`node-port`, `host-port`, `selector`, `ingress-backend`, `ingress-host-path`, `tls-secret`,
   * `ssl-passthrough`, `port-name`).
   */
  readonly rule: string;
  /** The message: field, bad value, the object it collides with, what to do. */
  readonly message: string;
  /** The same as a Problem: the field (a manifest field of the object, '' when none fits), the bad value, the kind and the detail. */
  readonly problem: Problem;
}

/**
 * A finding that fails the synth. Its message is the problem's text (`field: detail`), unless
 * `message` is given (a text that names more than one field).
 */
export function error(path: string, rule: string, problem: Problem, message?: string): Finding {
  return { severity: FindingSeverity.ERROR, path, rule, message: message ?? problemText(problem), problem };
}

/** A finding printed after synth (its message as for {@link error}). */
export function warning(path: string, rule: string, problem: Problem, message?: string): Finding {
  return { severity: FindingSeverity.WARNING, path, rule, message: message ?? problemText(problem), problem };
}
