/**
 * Service rules (the API server's `ValidateService` family) beyond the primitives.
 */
import { reject, show } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { validateExternalIp } from '../validation/ip-addresses';

/**
 * `spec.externalIPs` of an ExternalIpService: at least one, each a non-special IP
 * (`validateExternalIp`), each listed once.
 */
export function validateExternalIps(path: string, field: FieldPath, ips: readonly string[]): string[] {
  if (ips.length === 0) {
    reject(path, field.toString(), 'is empty; allowed: at least one IP address (use ClusterIpService for none)');
  }
  const seen = new Set<string>();
  ips.forEach((ip, i) => {
    validateExternalIp(path, field.index(i).toString(), ip);
    if (seen.has(ip)) reject(path, field.index(i).toString(), `${show(ip)} is listed twice; allowed: each IP once`);
    seen.add(ip);
  });
  return [...ips];
}
