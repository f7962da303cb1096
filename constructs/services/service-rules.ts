/**
 * Service rules (the API server's `ValidateService` family) beyond the primitives.
 */
import { FieldPath } from '../core/field-path';
import { duplicate, invalid, Problem, required, show } from '../core/problem';
import { externalIpProblems } from '../validation/ip-addresses';
import { dns1123LabelProblems } from '../validation/names';
import { NODE_PORT_RANGE, notAnIntegerReason, portNameProblems } from '../validation/ports';

/**
 * A Service port's name: a DNS-1123 label (`validateServicePort`) and, so that an Ingress can
 * refer to it, an IANA_SVC_NAME.
 */
export function servicePortNameProblems(field: FieldPath, portName: string): Problem[] {
  const label = dns1123LabelProblems(field, portName);
  return label.length > 0 ? label : portNameProblems(field, portName);
}

/**
 * A Service nodePort: an integer in the API server's `--service-node-port-range`,
 * 30000-32767 unless the cluster was configured otherwise.
 */
export function nodePortProblems(field: FieldPath, value: number): Problem[] {
  const reason = notAnIntegerReason(value);
  if (reason !== undefined) {
    return [invalid(field, value, `${show(value)} is not a valid nodePort: it ${reason}; allowed: an integer from ${NODE_PORT_RANGE.min} ` +
      `to ${NODE_PORT_RANGE.max} (the API server's default --service-node-port-range)`)];
  }
  if (value >= NODE_PORT_RANGE.min && value <= NODE_PORT_RANGE.max) return [];
  return [invalid(field, value, `${show(value)} is outside the allowed range ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max} ` +
    '(the API server\'s default --service-node-port-range)')];
}

/**
 * `spec.externalIPs` of an ExternalIpService: at least one, each a non-special IP
 * (`externalIpProblems`), each listed once.
 */
export function externalIpsProblems(field: FieldPath, ips: readonly string[]): Problem[] {
  if (ips.length === 0) return [required(field, 'is empty; allowed: at least one IP address (use ClusterIpService for none)')];
  return ips.flatMap((ip, i) => {
    const address = externalIpProblems(field.index(i), ip);
    if (address.length > 0 || ips.indexOf(ip) === i) return address;
    return [duplicate(field.index(i), ip, `${show(ip)} is listed twice; allowed: each IP once`)];
  });
}
