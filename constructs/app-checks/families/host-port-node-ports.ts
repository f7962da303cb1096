/**
 * `host-port-node-port`: a port a pod opens on its node (hostPort, or its port on the host
 * network) that is also a Service's nodePort. kube-proxy answers that nodePort on every node, and
 * the hostPort (a CNI portmap DNAT rule, or the pod's own socket on the host network) claims the
 * same node port: on the nodes where the pod runs one of the two never receives a connection.
 * Only ports inside the app's nodePort range (`--service-node-port-range`, 30000-32767 unless declared) can collide.
 */
import { duplicate } from '../../core/problem';
import { AppModel } from '../app-model';
import { error, Finding } from '../findings';

interface NodeClaim { readonly path: string; readonly what: string; readonly port: number; readonly protocol: string }

/** The ports pods and registered controllers open on their nodes inside the node-port range. */
function nodeClaims(model: AppModel): NodeClaim[] {
  const claims: NodeClaim[] = [];
  for (const c of model.nodePortClaims) {
    if (c.pod && c.podPort) claims.push({ path: c.pod.object.path, what: c.podPort.hostNetwork ? 'hostNetwork port' : 'hostPort', port: c.port, protocol: c.protocol });
    else if (c.controller) claims.push({ path: c.controller.path, what: 'ingress controller node port', port: c.port, protocol: c.protocol });
  }
  const range = model.nodePortRange;
  return claims.filter(c => c.port >= range.min && c.port <= range.max);
}

/** Every host port in the node-port range equal to a nodePort of the app (same protocol): an error on the pod. */
export function checkHostPortNodePorts(model: AppModel): Finding[] {
  const nodePorts = new Map<string, string>();
  for (const c of model.nodePortClaims) {
    if (!c.service) continue;
    const key = `${c.protocol}/${c.port}`;
    if (!nodePorts.has(key)) nodePorts.set(key, c.service.object.path);
  }
  const findings: Finding[] = [];
  for (const claim of nodeClaims(model)) {
    const service = nodePorts.get(`${claim.protocol}/${claim.port}`);
    if (service === undefined) continue;
    findings.push(error(claim.path, 'host-port-node-port', duplicate('', claim.port, `${claim.what} ${claim.protocol} ${claim.port} is also the ` +
      `nodePort of ${service}, which kube-proxy answers on every node, so on the nodes running this pod one of them never receives a connection; ` +
      `allowed: a host port outside ${model.nodePortRange.min}-${model.nodePortRange.max}, or another nodePort`)));
  }
  return findings;
}
