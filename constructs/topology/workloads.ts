/**
 * The pods of the app model (bare Pods and the pod templates of workloads) as nodes; the model
 * says which of them are an ingress controller.
 */
import { PodTemplate } from '../app-checks/app-model';
import { GraphBuilder } from './graph';
import { TopologyNodeKind, TopologyZone } from './types';

export function podsNodeId(p: PodTemplate): string {
  return `pods/${p.object.namespace}/${p.object.kind}/${p.object.name}`;
}

export function controllerNodeId(p: PodTemplate): string {
  return `hop/controller/${p.object.namespace}/${p.object.name}`;
}

/** Where the pods run, in words. */
export function whereItRuns(p: PodTemplate): string {
  return p.everyNode ? 'every node' : `node of ${p.object.name}`;
}

/**
 * The node of a pod template: its pods, or, for an ingress controller, the controller hop
 * (which is what a Service in front of it reaches).
 */
export function addPodsNode(g: GraphBuilder, p: PodTemplate): string {
  if (p.controller) return controllerNodeId(p);
  const count = p.everyNode ? 'one pod per node' : p.replicas === undefined ? '' : `${p.replicas} replica${p.replicas === 1 ? '' : 's'}`;
  return g.node({
    id: podsNodeId(p),
    kind: TopologyNodeKind.PODS,
    zone: p.hostNetwork ? TopologyZone.NODES : TopologyZone.CLUSTER,
    label: `${p.object.kind} ${p.object.name}`,
    details: [...p.images, ...(count ? [count] : []), ...(p.hostNetwork ? ['host network'] : [])],
    group: p.object.group,
    namespace: p.object.namespace,
    objectName: p.object.name,
    objectKind: p.object.kind,
  });
}
