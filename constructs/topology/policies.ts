/**
 * NetworkPolicies as edges: for each exposure path (app-checks/exposure-paths.ts) whose pods are
 * selected by an ingress NetworkPolicy of the app, an edge from where the traffic comes from (the
 * ingress controller's pods, the Gateway, or any source) to the pods, saying which policy allows
 * it, or that the policies deny it. Drawn only where policies select the pods, so a picture of an
 * app without NetworkPolicies does not change.
 */
import { AppModel, PodTemplate } from '../app-checks/app-model';
import { exposurePaths, ExposurePath, TrafficSourceKind } from '../app-checks/exposure-paths';
import { networkPolicies, policiesAllowing, policiesSelecting } from '../app-checks/network-policy-reading';
import { GraphBuilder, l4Protocol } from './graph';
import { addPodsNode, controllerNodeId } from './workloads';
import { TlsMarking, TopologyNodeKind, TopologyZone } from './types';

function sourceNode(g: GraphBuilder, model: AppModel, path: ExposurePath): string {
  const from = path.from;
  if (from.gateway) {
    const id = `hop/gateway/${from.gateway.namespace}/${from.gateway.name}`;
    if (g.has(id)) return id;
  }
  if (from.kind === TrafficSourceKind.PODS) {
    const controller = model.pods.find((p: PodTemplate) => p.controller && p.namespace === from.namespace && p.object.name === from.slug);
    if (controller && g.has(controllerNodeId(controller))) return controllerNodeId(controller);
  }
  return g.node({
    id: `entry/policy-source/${from.slug}`, kind: TopologyNodeKind.ENTRY_POINT, zone: TopologyZone.CLIENT,
    label: from.description, details: ['as NetworkPolicies see it'],
  });
}

/** The policy edges of the app's exposure paths. */
export function addPolicyEdges(g: GraphBuilder, model: AppModel): void {
  const policies = networkPolicies(model);
  if (policies.length === 0) return;
  for (const path of exposurePaths(model)) {
    const selecting = policiesSelecting(policies, path.pod);
    if (selecting.length === 0) continue;
    const allowing = policiesAllowing(model, selecting, path);
    const note = allowing.length > 0 ? `allowed by NetworkPolicy ${allowing.map(p => p.object.name).join(', ')}`
      : `DENIED by NetworkPolicy ${selecting.map(p => p.object.name).join(', ')}`;
    const port = typeof path.port === 'number' ? path.port : path.pod.ports.find(p => p.name === path.port)?.containerPort;
    g.edge(sourceNode(g, model, path), addPodsNode(g, path.pod), l4Protocol(path.protocol), TlsMarking.NONE, port, path.pod.object.group, note);
  }
}
