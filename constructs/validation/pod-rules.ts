/**
 * Transitional: the pod rules are in `workloads/pod-rules.ts` (`dnsPolicyProblems`). This throwing
 * form stays only while `ingress-nginx/` imports it from here (validation/ may not import
 * workloads/); delete it once nothing does.
 */
import { DnsPolicy } from '../core/enums';
import { requireNoProblems } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { forbidden, show } from '../core/problem';
import { oneOfProblems } from './values';

/**
 * `spec.dnsPolicy`, thrown: as `dnsPolicyProblems` in `workloads/pod-rules.ts`.
 * @deprecated use `dnsPolicyProblems` from `workloads/pod-rules.ts`
 */
export function validateDnsPolicy(path: string, field: FieldPath | string, value: DnsPolicy): DnsPolicy {
  requireNoProblems(path, oneOfProblems(field, value, Object.values(DnsPolicy)), value);
  const allowed = Object.values(DnsPolicy).filter(p => p !== DnsPolicy.NONE).map(show).join(', ');
  return requireNoProblems(path, value !== DnsPolicy.NONE ? []
    : [forbidden(field, value, `${show(value)} requires spec.dnsConfig, which cdk8s-expose does not set; allowed: ${allowed}`)], value);
}
