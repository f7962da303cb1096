/**
 * `external-ip-host-port`: a Service's externalIP:port that is also a port the node itself
 * serves, when that IP is a declared node address (`CrossObjectChecks.declareNodeAddresses`).
 *
 * kube-proxy (iptables and nftables modes) matches `externalIP:port` in its service chain,
 * reached from PREROUTING and OUTPUT of the nat table, and rewrites the destination to a
 * Service endpoint before the packet reaches a local socket. A hostNetwork pod, a hostPort or
 * an ingress controller listening on that port of that node therefore never sees those
 * packets: the Service shadows it (the same holds for a nodePort on that IP, which kube-proxy
 * matches after the externalIP rules). With any other port, or an IP that is not a node's,
 * nothing is shadowed.
 */
import { duplicate } from '../../core/problem';
import { AppModel, NodePortClaim } from '../app-model';
import { error, Finding, warning } from '../findings';

/** A nodeSelector that at most restricts the OS selects every (Linux) node. */
function selectsEveryNode(nodeSelector: Record<string, string> | undefined): boolean {
  return Object.keys(nodeSelector ?? {}).every(k => k === 'kubernetes.io/os');
}

/** What serves the claimed port, in words, and whether every node serves it (then the finding is an error). */
function describe(c: NodePortClaim): { what: string; everyNode: boolean } {
  if (c.pod && c.podPort) {
    return {
      what: `${c.pod.owner} (${c.podPort.hostNetwork ? 'hostNetwork' : 'hostPort'}, ${c.pod.object.path})`,
      everyNode: c.pod.everyNode && selectsEveryNode(c.pod.nodeSelector),
    };
  }
  if (c.controller) return { what: `the ingress controller ${c.controller.path}`, everyNode: selectsEveryNode(c.controller.nodeSelector) };
  return { what: `the nodePort of ${c.service!.object.path}`, everyNode: true };
}

/** Every externalIP:port of a Service that a node address also serves: an error (a warning when that port is not served on every node). */
export function checkExternalIpHostPorts(model: AppModel): Finding[] {
  const nodeAddresses = new Set(model.nodeAddresses);
  if (nodeAddresses.size === 0) return [];
  const findings: Finding[] = [];
  for (const s of model.services) {
    for (const p of s.ports) {
      s.externalIPs.forEach((ip, i) => {
        if (!nodeAddresses.has(ip)) return;
        for (const c of model.nodePortClaims) {
          if (c.port !== p.port || c.protocol !== p.protocol || (c.hostIp !== '' && c.hostIp !== '0.0.0.0' && c.hostIp !== '::' && c.hostIp !== ip)) continue;
          const { what, everyNode } = describe(c);
          const detail = `${p.protocol} ${ip}:${p.port} is a port of a node address that ${what} also serves${everyNode ? '' : ' where it runs'}; ` +
            'kube-proxy rewrites packets to an externalIP:port before they reach the node\'s own socket, so the Service would shadow it; ' +
            'allowed: a port no pod or controller of the node uses, or an externalIP that is not a node address';
          const problem = duplicate(`spec.externalIPs[${i}]`, `${ip}:${p.port}`, detail);
          const message = `spec.externalIPs[${i}] and spec.ports[${p.index}].port: ${detail}`;
          findings.push(everyNode ? error(s.object.path, 'external-ip-host-port', problem, message) : warning(s.object.path, 'external-ip-host-port', problem, message));
        }
      });
    }
  }
  return findings;
}
