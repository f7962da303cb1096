/**
 * `ingress-host-path`: one host and path per IngressClass; a second Ingress claiming the same
 * one is rejected by the controller's admission webhook (or silently shadowed without one).
 */
import { AppFacts, ingressClassOf, ingressesOf } from '../facts';
import { error, Finding } from '../findings';

/** Every host + path + pathType claimed twice within one IngressClass: an error on the second. */
export function checkIngressHostPaths(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  const owners = new Map<string, string>();
  for (const ing of ingressesOf(facts)) {
    const cls = ingressClassOf(ing.json);
    (ing.json.spec?.rules ?? []).forEach((r: any, i: number) => (r.http?.paths ?? []).forEach((p: any, j: number) => {
      const key = `${cls}|${r.host ?? ''}|${p.path ?? '/'}|${p.pathType ?? ''}`;
      const other = owners.get(key);
      if (other !== undefined && other !== ing.path) {
        findings.push(error(ing.path, 'ingress-host-path', `spec.rules[${i}].http.paths[${j}]: host ${JSON.stringify(r.host ?? '*')} path ` +
          `${JSON.stringify(p.path ?? '/')} (${p.pathType}) is already claimed by ${other} for IngressClass ${JSON.stringify(cls)}; ` +
          'the ingress-nginx admission webhook rejects the second; allowed: one Ingress per host and path'));
      } else {
        owners.set(key, ing.path);
      }
    }));
  }
  return findings;
}
