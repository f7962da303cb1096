/**
 * Pod-level rules (the API server's `validatePodSpec` family) shared by every construct that
 * renders a pod template (the workloads here, the ingress-nginx controller).
 */
import { DnsPolicy } from '../core/enums';
import { FieldPath } from '../core/field-path';
import { forbidden, invalid, Problem, show } from '../core/problem';
import { portNumberProblems } from '../validation/ports';
import { oneOfProblems } from '../validation/values';

/**
 * `spec.dnsPolicy`: one of the DnsPolicy values, and not `None`, which needs a `spec.dnsConfig`
 * that no cdk8s-expose construct sets (the API server's `validateDNSPolicy`/`validatePodDNSConfig`).
 */
export function dnsPolicyProblems(field: FieldPath | string, value: DnsPolicy): Problem[] {
  const unknown = oneOfProblems(field, value, Object.values(DnsPolicy));
  if (unknown.length > 0) return unknown;
  if (value !== DnsPolicy.NONE) return [];
  const allowed = Object.values(DnsPolicy).filter(p => p !== DnsPolicy.NONE).map(show).join(', ');
  return [forbidden(field, value, `${show(value)} requires spec.dnsConfig, which cdk8s-expose does not set; allowed: ${allowed}`)];
}

/**
 * `hostPort` of a container on the host network: omitted or equal to `containerPort` (the API
 * server's `validateHostNetwork`).
 */
export function hostNetworkHostPortProblems(field: FieldPath, hostPort: number | undefined, containerPort: number): Problem[] {
  if (hostPort === undefined) return [];
  const number = portNumberProblems(field, hostPort);
  if (number.length > 0) return number;
  // an invalid containerPort is reported by its own rule, not as a difference (NaN differs from itself)
  if (!Number.isInteger(containerPort) || hostPort === containerPort) return [];
  return [invalid(field, hostPort,
    `${hostPort} differs from containerPort ${containerPort}; allowed with hostNetwork: omitted or equal to containerPort`)];
}
