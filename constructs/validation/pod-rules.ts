/**
 * Pod-level rules (the API server's `validatePodSpec` family) shared by every construct that
 * renders a pod template.
 */
import { DnsPolicy } from '../core/enums';
import { reject, show } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { validatePortNumber } from './ports';
import { validateOneOf } from './values';

/**
 * `spec.dnsPolicy`: one of the DnsPolicy values, and not `None`, which needs a `spec.dnsConfig`
 * that no cdk8s-expose construct sets (the API server's `validateDNSPolicy`/`validatePodDNSConfig`).
 */
export function validateDnsPolicy(path: string, field: FieldPath | string, value: DnsPolicy): DnsPolicy {
  validateOneOf(path, field, value, Object.values(DnsPolicy));
  if (value === DnsPolicy.NONE) {
    const allowed = Object.values(DnsPolicy).filter(p => p !== DnsPolicy.NONE).map(show).join(', ');
    reject(path, String(field), `${show(value)} requires spec.dnsConfig, which cdk8s-expose does not set; allowed: ${allowed}`);
  }
  return value;
}

/**
 * `hostPort` of a container on the host network: omitted or equal to `containerPort` (the API
 * server's `validateHostNetwork`).
 */
export function validateHostNetworkHostPort(path: string, field: FieldPath, hostPort: number | undefined, containerPort: number): void {
  if (hostPort === undefined) return;
  validatePortNumber(path, field, hostPort);
  // an invalid containerPort is reported by its own rule, not as a difference (NaN differs from itself)
  if (Number.isInteger(containerPort) && hostPort !== containerPort) {
    reject(path, field.toString(),
      `${hostPort} differs from containerPort ${containerPort}; allowed with hostNetwork: omitted or equal to containerPort`);
  }
}
