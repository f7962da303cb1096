/**
 * Pod-level rules (the API server's `validatePodSpec` family) shared by every construct that
 * renders a pod template.
 */
import { DnsPolicy } from '../core/enums';
import { reject, show } from '../core/errors';
import { validateOneOf } from './values';

/**
 * `spec.dnsPolicy`: one of the DnsPolicy values, and not `None`, which needs a `spec.dnsConfig`
 * that no cdk8s-expose construct sets (the API server's `validateDNSPolicy`/`validatePodDNSConfig`).
 */
export function validateDnsPolicy(path: string, field: string, value: DnsPolicy): DnsPolicy {
  validateOneOf(path, field, value, Object.values(DnsPolicy));
  if (value === DnsPolicy.NONE) {
    const allowed = Object.values(DnsPolicy).filter(p => p !== DnsPolicy.NONE).map(show).join(', ');
    reject(path, field, `${show(value)} requires spec.dnsConfig, which cdk8s-expose does not set; allowed: ${allowed}`);
  }
  return value;
}
