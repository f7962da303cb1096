/**
 * `port-name`: an Ingress backend refers to a Service port by an IANA_SVC_NAME (at most 15
 * characters); a longer Service port name cannot be referred to by name.
 */
import { AppFacts, servicesOf } from '../facts';
import { Finding, warning } from '../findings';

/** Every Service port name longer than 15 characters: a warning (the Ingress side is `ingress-backend`'s). */
export function checkPortNames(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  for (const svc of servicesOf(facts)) {
    (svc.json.spec?.ports ?? []).forEach((p: any, i: number) => {
      if (p.name && p.name.length > 15) {
        findings.push(warning(svc.path, 'port-name', `spec.ports[${i}].name: ${JSON.stringify(p.name)} has ${p.name.length} characters; ` +
          'an Ingress can refer to a port name of at most 15 (IANA_SVC_NAME)'));
      }
    });
  }
  return findings;
}
