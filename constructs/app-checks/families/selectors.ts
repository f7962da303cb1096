/**
 * `selector`: a Service whose selector matches no pod template of the app has no endpoints,
 * unless its pods are deployed elsewhere (a warning).
 */
import { AppFacts, PodFacts, servicesOf } from '../facts';
import { Finding, warning } from '../findings';

/** namespace + one label -> the pod templates carrying it: a selector is checked against the pods of its first label only. */
function podsByLabel(pods: PodFacts[]): Map<string, PodFacts[]> {
  const index = new Map<string, PodFacts[]>();
  for (const p of pods) {
    for (const [k, v] of Object.entries(p.labels)) {
      const key = labelKey(p.namespace, k, v);
      const list = index.get(key);
      if (list) list.push(p);
      else index.set(key, [p]);
    }
  }
  return index;
}

function labelKey(namespace: string, key: string, value: unknown): string {
  return JSON.stringify([namespace, key, value]);
}

/** Every Service selector that matches no pod template in its namespace: a warning. */
export function checkSelectors(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  let index: Map<string, PodFacts[]> | undefined;
  for (const o of servicesOf(facts)) {
    const selector: Record<string, string> | undefined = o.json.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) continue;
    index ??= podsByLabel(facts.pods);
    const entries = Object.entries(selector);
    // a label missing from a pod reads as undefined: an undefined selector value is matched by scanning
    const first = entries.find(([, v]) => v !== undefined);
    const candidates = first ? index.get(labelKey(o.namespace, first[0], first[1])) ?? [] : facts.pods.filter(p => p.namespace === o.namespace);
    const matched = candidates.some(p => entries.every(([k, v]) => p.labels[k] === v));
    if (!matched) {
      findings.push(warning(o.path, 'selector', `spec.selector ${JSON.stringify(selector)} matches no pod template in this app ` +
        `(namespace ${o.namespace}); fine if the pods are deployed elsewhere, otherwise the Service has no endpoints`));
    }
  }
  return findings;
}
