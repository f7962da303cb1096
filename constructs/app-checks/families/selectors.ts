/**
 * `selector`: a Service whose selector matches no pod template of the app has no endpoints,
 * unless its pods are deployed elsewhere (a warning).
 */
import { AppFacts, servicesOf } from '../facts';
import { Finding, warning } from '../findings';

/** Every Service selector that matches no pod template in its namespace: a warning. */
export function checkSelectors(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  for (const o of servicesOf(facts)) {
    const selector: Record<string, string> | undefined = o.json.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) continue;
    const matched = facts.pods.filter(p => p.namespace === o.namespace && Object.entries(selector).every(([k, v]) => p.labels[k] === v));
    if (matched.length === 0) {
      findings.push(warning(o.path, 'selector', `spec.selector ${JSON.stringify(selector)} matches no pod template in this app ` +
        `(namespace ${o.namespace}); fine if the pods are deployed elsewhere, otherwise the Service has no endpoints`));
    }
  }
  return findings;
}
