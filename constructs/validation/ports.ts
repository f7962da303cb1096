/**
 * Port rules: port numbers, nodePorts and port names (the API server's `validateContainerPorts`,
 * `validateServicePort`, `ValidatePortNumOrName`).
 */
import { reject as fail, show } from '../core/errors';
import { FieldPath } from '../core/field-path';

/** The API server's default `--service-node-port-range`. */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

/** A port number: an integer 1-65535 (containerPort, hostPort, Service port and targetPort). */
export function validatePortNumber(path: string, field: FieldPath | string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    fail(path, String(field), `${show(value)} is not a valid port number; allowed: an integer from 1 to 65535`);
  }
  return value;
}

/**
 * A Service nodePort: an integer in the API server's `--service-node-port-range`,
 * 30000-32767 unless the cluster was configured otherwise.
 */
export function validateNodePort(path: string, field: FieldPath | string, value: number): number {
  if (!Number.isInteger(value) || value < NODE_PORT_RANGE.min || value > NODE_PORT_RANGE.max) {
    fail(path, String(field), `${show(value)} is outside the allowed range ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max} ` +
      '(the API server\'s default --service-node-port-range)');
  }
  return value;
}

const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * A named port (container port name, Service port name an Ingress refers to):
 * IANA_SVC_NAME, at most 15 characters, lowercase letters, digits and single hyphens,
 * at least one letter.
 */
export function validatePortName(path: string, field: FieldPath | string, value: string): string {
  const problems: string[] = [];
  if (value.length === 0 || value.length > 15) problems.push(`must be 1-15 characters (has ${value.length})`);
  if (!IANA_SVC_NAME.test(value)) problems.push('must consist of lowercase letters, digits and \'-\', and start and end with a letter or digit');
  if (value.includes('--')) problems.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(value)) problems.push('must contain at least one letter');
  if (problems.length > 0) fail(path, String(field), `${show(value)} is not a valid port name (IANA_SVC_NAME): ${problems.join('; ')}`);
  return value;
}
