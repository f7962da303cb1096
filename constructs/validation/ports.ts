/**
 * Port rules: port numbers, nodePorts and port names (the API server's `validateContainerPorts`,
 * `validateServicePort`, `ValidatePortNumOrName`).
 */
import { FieldPath } from '../core/field-path';
import { invalid, Problem, show } from '../core/problem';

/** The API server's default `--service-node-port-range`. */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

/**
 * Why a value given for an integer field is not an integer, or undefined if it is one. A port
 * reaches the manifest as JSON, where a string or a fraction is a type error (`int32`), so the
 * message says what it is rather than calling it out of range.
 */
export function notAnIntegerReason(value: unknown): string | undefined {
  if (typeof value === 'string') return `is a string, not a number (write ${/^[0-9]+$/.test(value) ? value : 'a number'} without quotes)`;
  if (typeof value !== 'number') return `is ${value === null ? 'null' : `a ${typeof value}`}, not a number`;
  if (Number.isNaN(value)) return 'is NaN (not a number)';
  if (!Number.isFinite(value)) return 'is not a finite number';
  if (!Number.isInteger(value)) return 'is not an integer';
  return undefined;
}

/**
 * A port number: an integer 1-65535 (containerPort, hostPort, Service port and targetPort; the
 * API server's `validateContainerPorts`/`validateServicePort` with `IsValidPortNum`).
 */
export function portNumberProblems(field: FieldPath | string, value: number): Problem[] {
  const reason = notAnIntegerReason(value);
  if (reason === undefined && value >= 1 && value <= 65535) return [];
  return [invalid(field, value, `${show(value)} is not a valid port number${reason ? `: it ${reason}` : ''}; allowed: an integer from 1 to 65535`)];
}

const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * A named port (container port name, Service port name an Ingress refers to):
 * IANA_SVC_NAME, at most 15 characters, lowercase letters, digits and single hyphens,
 * at least one letter.
 */
export function portNameProblems(field: FieldPath | string, value: string): Problem[] {
  const reasons: string[] = [];
  if (value.length === 0 || value.length > 15) reasons.push(`must be 1-15 characters (has ${value.length})`);
  if (!IANA_SVC_NAME.test(value)) reasons.push('must consist of lowercase letters, digits and \'-\', and start and end with a letter or digit');
  if (value.includes('--')) reasons.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(value)) reasons.push('must contain at least one letter');
  if (reasons.length === 0) return [];
  return [invalid(field, value, `${show(value)} is not a valid port name (IANA_SVC_NAME): ${reasons.join('; ')}`)];
}
