/**
 * NetworkPolicy semantics (networking.k8s.io/v1), enough to tell whether the policies of an app
 * deny an exposure path: a pod selected by a policy of type Ingress takes only what one of those
 * policies' rules allows (`from` peers and `ports`); a pod no such policy selects takes anything.
 * Peers by pod and namespace labels are matched exactly (a namespace has the label
 * `kubernetes.io/metadata.name` and the labels a Namespace object of the app gives it); an
 * `ipBlock` is taken to allow any source that is not pods (its addresses are not known here).
 */
import { AppModel, ModelObject, PodTemplate } from './app-model';
import { ExposurePath, TrafficSourceKind } from './exposure-paths';

/** A label selector's match (matchLabels and matchExpressions; an empty selector selects everything). */
export function labelSelectorMatches(selector: any, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values: string[] = e.values ?? [];
    if (e.operator === 'In' && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** A NetworkPolicy's ingress side. */
export interface ModelNetworkPolicy {
  readonly object: ModelObject;
  readonly podSelector: any;
  /** Whether it restricts ingress (`policyTypes` has Ingress, or is unset: always for ingress). */
  readonly ingress: boolean;
  readonly rules: any[];
}

/** The NetworkPolicies of the app. */
export function networkPolicies(model: AppModel): ModelNetworkPolicy[] {
  return model.objects.filter(o => o.kind === 'NetworkPolicy' && o.apiVersion === 'networking.k8s.io/v1').map(o => {
    const spec = o.json.spec ?? {};
    const types: string[] | undefined = spec.policyTypes;
    return { object: o, podSelector: spec.podSelector ?? {}, ingress: types === undefined || types.includes('Ingress'), rules: spec.ingress ?? [] };
  });
}

/** The labels of a namespace: its name label, and those a Namespace object of the app declares. */
function namespaceLabels(model: AppModel, namespace: string): Record<string, string> {
  const ns = model.objects.find(o => o.kind === 'Namespace' && o.name === namespace);
  return { ...(ns?.json.metadata?.labels ?? {}), 'kubernetes.io/metadata.name': namespace };
}

/** The ingress policies that select `pod`. */
export function policiesSelecting(policies: readonly ModelNetworkPolicy[], pod: PodTemplate): ModelNetworkPolicy[] {
  return policies.filter(p => p.ingress && p.object.namespace === pod.namespace && labelSelectorMatches(p.podSelector, pod.labels));
}

function portAllows(rulePorts: any[] | undefined, path: ExposurePath): boolean {
  if (!rulePorts || rulePorts.length === 0) return true;
  const named = typeof path.port === 'string' ? path.port : path.pod.ports.find(p => p.containerPort === path.port)?.name;
  const number = typeof path.port === 'number' ? path.port : path.pod.ports.find(p => p.name === path.port)?.containerPort;
  return rulePorts.some(rp => (rp.protocol ?? 'TCP') === path.protocol && (rp.port === undefined || rp.port === named
    || (typeof rp.port === 'number' && number !== undefined && number >= rp.port && number <= (rp.endPort ?? rp.port))));
}

function peerAllows(model: AppModel, peer: any, policyNamespace: string, path: ExposurePath): boolean {
  const from = path.from;
  if (peer.ipBlock) return from.kind !== TrafficSourceKind.PODS;
  if (from.kind === TrafficSourceKind.UNKNOWN) return true;
  if (from.kind !== TrafficSourceKind.PODS) return false;
  const nsOk = peer.namespaceSelector
    ? labelSelectorMatches(peer.namespaceSelector, namespaceLabels(model, from.namespace!)) : from.namespace === policyNamespace;
  return nsOk && (peer.podSelector === undefined || labelSelectorMatches(peer.podSelector, from.podLabels ?? {}));
}

/** The policies among `selecting` with a rule that allows the path. */
export function policiesAllowing(model: AppModel, selecting: readonly ModelNetworkPolicy[], path: ExposurePath): ModelNetworkPolicy[] {
  return selecting.filter(p => p.rules.some(rule => portAllows(rule.ports, path)
    && (!rule.from || rule.from.length === 0 || rule.from.some((peer: any) => peerAllows(model, peer, p.object.namespace, path)))));
}

/** Whether the policies that select the path's pods allow it (true when none selects them). */
export function pathAllowed(model: AppModel, selecting: readonly ModelNetworkPolicy[], path: ExposurePath): boolean {
  return selecting.length === 0 || policiesAllowing(model, selecting, path).length > 0;
}
