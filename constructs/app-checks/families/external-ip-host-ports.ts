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
import { AppFacts, nodePortsOfPod, servicesOf } from '../facts';
import { error, Finding, warning } from '../findings';

/** A port the node serves, and whether every node serves it (then the finding is an error). */
interface NodePortClaim {
  readonly port: number;
  readonly protocol: string;
  /** '' = every address of the node. */
  readonly hostIp: string;
  readonly what: string;
  readonly everyNode: boolean;
}

/** A nodeSelector that at most restricts the OS selects every (Linux) node. */
function selectsEveryNode(nodeSelector: Record<string, string> | undefined): boolean {
  return Object.keys(nodeSelector ?? {}).every(k => k === 'kubernetes.io/os');
}

function claimsOf(facts: AppFacts): NodePortClaim[] {
  const claims: NodePortClaim[] = [];
  for (const pod of facts.pods) {
    if (pod.ownedByController) continue;
    const everyNode = pod.owner.startsWith('DaemonSet/') && selectsEveryNode(pod.spec.nodeSelector);
    for (const p of nodePortsOfPod(pod)) {
      claims.push({
        port: p.port, protocol: p.protocol, hostIp: p.hostIp, everyNode,
        what: `${pod.owner} (${p.hostNetwork ? 'hostNetwork' : 'hostPort'}, ${pod.path})`,
      });
    }
  }
  for (const c of facts.controllers) {
    for (const port of c.hostPorts) {
      claims.push({ port, protocol: 'TCP', hostIp: '', what: `the ingress controller ${c.path}`, everyNode: selectsEveryNode(c.nodeSelector) });
    }
  }
  for (const s of servicesOf(facts)) {
    for (const p of s.json.spec?.ports ?? []) {
      if (p.nodePort === undefined) continue;
      claims.push({ port: p.nodePort, protocol: p.protocol ?? 'TCP', hostIp: '', what: `the nodePort of ${s.path}`, everyNode: true });
    }
  }
  return claims;
}

/** Every externalIP:port of a Service that a node address also serves: an error (a warning when that port is not served on every node). */
export function checkExternalIpHostPorts(facts: AppFacts): Finding[] {
  const nodeAddresses = new Set(facts.nodeAddresses ?? []);
  if (nodeAddresses.size === 0) return [];
  const claims = claimsOf(facts);
  const findings: Finding[] = [];
  for (const s of servicesOf(facts)) {
    const ips: string[] = s.json.spec?.externalIPs ?? [];
    (s.json.spec?.ports ?? []).forEach((p: any, j: number) => {
      const protocol = p.protocol ?? 'TCP';
      ips.forEach((ip, i) => {
        if (!nodeAddresses.has(ip)) return;
        for (const c of claims) {
          if (c.port !== p.port || c.protocol !== protocol || (c.hostIp !== '' && c.hostIp !== '0.0.0.0' && c.hostIp !== '::' && c.hostIp !== ip)) continue;
          const message = `spec.externalIPs[${i}] and spec.ports[${j}].port: ${protocol} ${ip}:${p.port} is a port of a node address ` +
            `that ${c.what} also serves${c.everyNode ? '' : ' where it runs'}; kube-proxy rewrites packets to an externalIP:port ` +
            'before they reach the node\'s own socket, so the Service would shadow it; allowed: a port no pod or controller of the node uses, ' +
            'or an externalIP that is not a node address';
          findings.push(c.everyNode ? error(s.path, 'external-ip-host-port', message) : warning(s.path, 'external-ip-host-port', message));
        }
      });
    });
  }
  return findings;
}
