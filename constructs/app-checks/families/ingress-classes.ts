/**
 * `ingress-class`: an Ingress whose `ingressClassName` no controller of the app serves, in an app
 * that has a controller: most likely a typo (no controller in the app picks it up; fine only if
 * another controller in the cluster serves that class, hence a warning). About IngressClasses
 * only: a Gateway API route names its Gateway, not a class.
 */
import { invalid } from '../../core/problem';
import { AppModel } from '../app-model';
import { Finding, warning } from '../findings';
import { ingressesOf } from '../ingress-reading';

/** Every Ingress of a class no registered controller serves, when the app has registered controllers: a warning. */
export function checkIngressClasses(model: AppModel): Finding[] {
  const controllers = model.controllers.filter(c => c.registered);
  if (controllers.length === 0) return [];
  const served = new Set(controllers.map(c => c.ingressClassName));
  const findings: Finding[] = [];
  for (const ing of ingressesOf(model)) {
    const cls = ing.className;
    if (cls === '' || served.has(cls)) continue;
    findings.push(warning(ing.object.path, 'ingress-class', invalid('spec.ingressClassName', cls, `${JSON.stringify(cls)} is served by no ` +
      `controller of this app (which serves ${[...served].map(s => JSON.stringify(s)).join(', ')}); the Ingress is ignored unless another ` +
      'controller in the cluster serves that class')));
  }
  return findings;
}
