/**
 * `ingress-backend` (and `port-name` on the Ingress side): every Ingress backend names a Service
 * of the app and one of its ports.
 */
import { AppFacts, ingressesOf, serviceNamed } from '../facts';
import { error, Finding, warning } from '../findings';

function ingressBackends(spec: any): Array<{ field: string; backend: any }> {
  const out: Array<{ field: string; backend: any }> = [];
  if (spec?.defaultBackend?.service) out.push({ field: 'spec.defaultBackend.service', backend: spec.defaultBackend.service });
  (spec?.rules ?? []).forEach((r: any, i: number) => (r.http?.paths ?? []).forEach((p: any, j: number) => {
    if (p.backend?.service) out.push({ field: `spec.rules[${i}].http.paths[${j}].backend.service`, backend: p.backend.service });
  }));
  return out;
}

/** Backends whose Service is missing (a warning) or lacks the port number or name (an error). */
export function checkIngressBackends(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  for (const ing of ingressesOf(facts)) {
    for (const { field, backend } of ingressBackends(ing.json.spec)) {
      const svc = serviceNamed(facts, ing.namespace, backend.name);
      if (!svc) {
        findings.push(warning(ing.path, 'ingress-backend', `${field}.name: Service ${JSON.stringify(backend.name)} is not defined in this app ` +
          `(namespace ${ing.namespace}); fine if it is deployed elsewhere`));
        continue;
      }
      const ports: any[] = svc.json.spec?.ports ?? [];
      if (backend.port?.number !== undefined && !ports.some(p => p.port === backend.port.number)) {
        findings.push(error(ing.path, 'ingress-backend', `${field}.port.number: ${backend.port.number} is not a port of Service ` +
          `${JSON.stringify(backend.name)} (${svc.path}); allowed: ${ports.map(p => p.port).join(', ') || 'none defined'}`));
      }
      if (backend.port?.name !== undefined) {
        const named = ports.find(p => p.name === backend.port.name);
        if (!named) {
          findings.push(error(ing.path, 'ingress-backend', `${field}.port.name: ${JSON.stringify(backend.port.name)} is not a port name of Service ` +
            `${JSON.stringify(backend.name)} (${svc.path}); allowed: ${ports.filter(p => p.name).map(p => JSON.stringify(p.name)).join(', ') || 'none named'}`));
        } else if (named.name.length > 15) {
          findings.push(error(ing.path, 'port-name', `${field}.port.name: ${JSON.stringify(named.name)} is longer than 15 characters; ` +
            'an Ingress cannot refer to it; allowed: rename the Service port (IANA_SVC_NAME) or refer to it by number'));
        }
      }
    }
  }
  return findings;
}
