/**
 * Fields Kubernetes never lets an update change, compared between two renderings of the same
 * objects: a synth can refuse an output that every later `kubectl apply`, Argo CD sync or Flux
 * reconciliation would fail on. Only the previous output is known here, not the cluster: an object
 * changed by hand, or applied from another output, is not seen (docs/gitops.md).
 */
import { invalid, Problem } from '../core/problem';
import { apiGroupOf } from './deploy-stage';

/** Kinds whose `spec.selector` is immutable (apps/v1: Deployment, DaemonSet, StatefulSet, ReplicaSet). */
const SELECTOR_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet']);

const idOf = (o: any) => `${apiGroupOf(o)}/${o?.kind}/${o?.metadata?.namespace ?? ''}/${o?.metadata?.name}`;
const label = (o: any) => `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;

/**
 * A change of `spec.selector` of an apps/v1 workload between `previous` and `next` (the same
 * object by group, kind, namespace and name): the API server refuses it ("field is immutable").
 */
export function selectorChangeProblems(previous: readonly any[], next: readonly any[]): Problem[] {
  const before = new Map(previous.filter(o => SELECTOR_KINDS.has(o?.kind) && apiGroupOf(o) === 'apps').map(o => [idOf(o), o]));
  return next.flatMap(o => {
    const old = before.get(idOf(o));
    if (!old || JSON.stringify(old.spec?.selector) === JSON.stringify(o.spec?.selector)) return [];
    return [invalid(`${label(o)}: spec.selector`, o.spec?.selector,
      `changed from ${JSON.stringify(old.spec?.selector)} to ${JSON.stringify(o.spec?.selector)}, and Kubernetes never changes a selector ` +
      '(kubectl apply, Argo CD and Flux all fail with "field is immutable"); allowed: the previous selector (put new labels in podLabels), ' +
      'or delete the object in the cluster first and accept the change')];
  });
}
