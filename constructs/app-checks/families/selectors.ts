/**
 * `selector`: a Service whose selector matches no pod template of the app has no endpoints,
 * unless its pods are deployed elsewhere (a warning).
 */
import { invalid } from '../../core/problem';
import { AppModel, PodTemplate } from '../app-model';
import { Finding, warning } from '../findings';

/** namespace + one label -> the pod templates carrying it: a selector is checked against the pods of its first label only. */
function podsByLabel(pods: readonly PodTemplate[]): Map<string, PodTemplate[]> {
  const index = new Map<string, PodTemplate[]>();
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
export function checkSelectors(model: AppModel): Finding[] {
  const findings: Finding[] = [];
  let index: Map<string, PodTemplate[]> | undefined;
  for (const svc of model.services) {
    const selector = svc.selector;
    if (!selector || Object.keys(selector).length === 0) continue;
    index ??= podsByLabel(model.pods);
    const entries = Object.entries(selector);
    // a label missing from a pod reads as undefined: an undefined selector value is matched by scanning
    const first = entries.find(([, v]) => v !== undefined);
    const candidates = first ? index.get(labelKey(svc.namespace, first[0], first[1])) ?? [] : model.pods.filter(p => p.namespace === svc.namespace);
    const matched = candidates.some(p => entries.every(([k, v]) => p.labels[k] === v));
    if (!matched) {
      const detail = `${JSON.stringify(selector)} matches no pod template in this app (namespace ${svc.namespace}); fine if the pods are ` +
        'deployed elsewhere, otherwise the Service has no endpoints';
      findings.push(warning(svc.object.path, 'selector', invalid('spec.selector', selector, detail), `spec.selector ${detail}`));
    }
  }
  return findings;
}
