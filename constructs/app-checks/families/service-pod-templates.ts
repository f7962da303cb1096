/**
 * `service-pod-templates`: a Service whose selector matches the pod templates of two workloads
 * that differ (another image, other ports, another config) sends each connection to either of
 * them at random. That is what a canary does on purpose, and what an over-broad selector (two
 * Deployments both labelled `app: nginx`) does by accident, so it is a warning naming both.
 */
import { invalid } from '../../core/problem';
import { AppModel, PodTemplate } from '../app-model';
import { Finding, warning } from '../findings';

/** JSON with sorted keys, so that two equal templates compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map(k => `${JSON.stringify(k)}:${canonical((value as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** namespace + one label -> pod templates carrying it, so a selector only looks at candidates. */
function indexPods(pods: readonly PodTemplate[]): Map<string, PodTemplate[]> {
  const index = new Map<string, PodTemplate[]>();
  for (const p of pods) {
    for (const [k, v] of Object.entries(p.labels)) {
      const key = `${p.namespace}|${k}=${v}`;
      const list = index.get(key);
      if (list) list.push(p);
      else index.set(key, [p]);
    }
  }
  return index;
}

/** Every Service selecting pod templates of different owners that are not identical: a warning. */
export function checkServicePodTemplates(model: AppModel): Finding[] {
  const findings: Finding[] = [];
  const index = indexPods(model.pods);
  for (const svc of model.services) {
    const selector = svc.selector;
    const entries = Object.entries(selector ?? {});
    if (entries.length === 0) continue;
    const [k0, v0] = entries[0];
    const matched = (index.get(`${svc.namespace}|${k0}=${v0}`) ?? []).filter(p => entries.every(([k, v]) => p.labels[k] === v));
    // one owner (the common case) cannot make two: skip comparing templates
    if (matched.length < 2 || matched.every(p => p.owner === matched[0].owner)) continue;
    const byTemplate = new Map<string, PodTemplate>();
    for (const p of matched) {
      const template = canonical({ labels: p.labels, spec: p.spec });
      if (!byTemplate.has(template)) byTemplate.set(template, p);
    }
    const distinct = [...byTemplate.values()];
    if (distinct.length < 2 || new Set(distinct.map(p => p.owner)).size < 2) continue;
    const detail = `${JSON.stringify(selector)} matches the pod templates of ` +
      `${distinct.map(p => `${p.owner} (${p.object.path})`).join(' and ')}, which differ; the Service sends each connection to either of them. ` +
      'Fine for a canary; otherwise give the workloads distinct labels and select one';
    findings.push(warning(svc.object.path, 'service-pod-templates', invalid('spec.selector', selector, detail), `spec.selector ${detail}`));
  }
  return findings;
}
