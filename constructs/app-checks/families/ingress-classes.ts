/**
 * `ingress-class`: an Ingress whose `ingressClassName` no controller of the app serves, in an app
 * that has a controller: most likely a typo (no controller in the app picks it up; fine only if
 * another controller in the cluster serves that class, hence a warning).
 */
import { AppFacts, ingressClassOf, ingressesOf } from '../facts';
import { Finding, warning } from '../findings';

/** Every Ingress of a class no in-app controller serves, when the app has controllers: a warning. */
export function checkIngressClasses(facts: AppFacts): Finding[] {
  if (facts.controllers.length === 0) return [];
  const served = new Set(facts.controllers.map(c => c.ingressClassName));
  const findings: Finding[] = [];
  for (const ing of ingressesOf(facts)) {
    const cls = ingressClassOf(ing.json);
    if (cls === '' || served.has(cls)) continue;
    findings.push(warning(ing.path, 'ingress-class', `spec.ingressClassName: ${JSON.stringify(cls)} is served by no controller of this app ` +
      `(which serves ${[...served].map(s => JSON.stringify(s)).join(', ')}); the Ingress is ignored unless another controller in the ` +
      'cluster serves that class'));
  }
  return findings;
}
