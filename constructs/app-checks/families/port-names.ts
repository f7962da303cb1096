/**
 * `port-name`: an Ingress backend refers to a Service port by an IANA_SVC_NAME (at most 15
 * characters); a longer Service port name cannot be referred to by name.
 */
import { invalid } from '../../core/problem';
import { AppModel } from '../app-model';
import { Finding, warning } from '../findings';

/** Every Service port name longer than 15 characters: a warning (the Ingress side is `ingress-backend`'s). */
export function checkPortNames(model: AppModel): Finding[] {
  const findings: Finding[] = [];
  for (const svc of model.services) {
    for (const p of svc.ports) {
      if (p.name && p.name.length > 15) {
        findings.push(warning(svc.object.path, 'port-name', invalid(`spec.ports[${p.index}].name`, p.name, `${JSON.stringify(p.name)} has ` +
          `${p.name.length} characters; an Ingress can refer to a port name of at most 15 (IANA_SVC_NAME)`)));
      }
    }
  }
  return findings;
}
