/**
 * `host-port-node-port`: a port a pod opens on its node (hostPort, or its port on the host
 * network) that is also a Service's nodePort. kube-proxy answers that nodePort on every node, and
 * the hostPort (a CNI portmap DNAT rule, or the pod's own socket on the host network) claims the
 * same node port: on the nodes where the pod runs one of the two never receives a connection.
 * Only ports inside the API server's default `--service-node-port-range` can collide.
 */
import { NODE_PORT_RANGE } from '../../validation/ports';
import { AppFacts, nodePortsOfPod, servicesOf } from '../facts';
import { error, Finding } from '../findings';

interface NodeClaim { readonly path: string; readonly what: string; readonly port: number; readonly protocol: string }

function nodeClaims(facts: AppFacts): NodeClaim[] {
  const claims: NodeClaim[] = [];
  for (const pod of facts.pods) {
    if (pod.ownedByController) continue;
    for (const p of nodePortsOfPod(pod)) {
      claims.push({ path: pod.path, what: p.hostNetwork ? 'hostNetwork port' : 'hostPort', port: p.port, protocol: p.protocol });
    }
  }
  for (const c of facts.controllers) {
    for (const port of c.hostPorts) claims.push({ path: c.path, what: 'ingress controller node port', port, protocol: 'TCP' });
  }
  return claims.filter(c => c.port >= NODE_PORT_RANGE.min && c.port <= NODE_PORT_RANGE.max);
}

/** Every host port in the node-port range equal to a nodePort of the app (same protocol): an error on the pod. */
export function checkHostPortNodePorts(facts: AppFacts): Finding[] {
  const nodePorts = new Map<string, string>();
  for (const svc of servicesOf(facts)) {
    for (const p of svc.json.spec?.ports ?? []) {
      if (typeof p.nodePort === 'number') {
        const key = `${p.protocol ?? 'TCP'}/${p.nodePort}`;
        if (!nodePorts.has(key)) nodePorts.set(key, svc.path);
      }
    }
  }
  const findings: Finding[] = [];
  for (const claim of nodeClaims(facts)) {
    const service = nodePorts.get(`${claim.protocol}/${claim.port}`);
    if (service === undefined) continue;
    findings.push(error(claim.path, 'host-port-node-port', `${claim.what} ${claim.protocol} ${claim.port} is also the nodePort of ${service}, ` +
      'which kube-proxy answers on every node, so on the nodes running this pod one of them never receives a connection; ' +
      `allowed: a host port outside ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}, or another nodePort`));
  }
  return findings;
}
