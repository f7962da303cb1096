/**
 * What an app-wide check reports: a Finding, error or warning, about one object.
 */

/** How bad a finding is. */
export enum FindingSeverity {
  /** The synth fails. */
  ERROR = 'ERROR',
  /** Printed after synth; the output is still written. */
  WARNING = 'WARNING',
}

/** One result of the app-wide checks. */
export interface Finding {
  /** Error or warning. */
  readonly severity: FindingSeverity;
  /** Construct path of the object the finding is about. */
  readonly path: string;
  /** Which rule found it (`node-port`, `host-port`, `selector`, `ingress-backend`, `ingress-host-path`, `tls-secret`, `ssl-passthrough`, `port-name`). */
  readonly rule: string;
  /** The message: field, bad value, the object it collides with, what to do. */
  readonly message: string;
}

/** A finding that fails the synth. */
export function error(path: string, rule: string, message: string): Finding {
  return { severity: FindingSeverity.ERROR, path, rule, message };
}

/** A finding printed after synth. */
export function warning(path: string, rule: string, message: string): Finding {
  return { severity: FindingSeverity.WARNING, path, rule, message };
}
