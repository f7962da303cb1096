/**
 * `host-port`: two pods (or a pod and a registered ingress controller) that open the same port
 * on a node cannot run on the same node; the scheduler keeps the second Pending there.
 */
import { duplicate } from '../../core/problem';
import { AppModel, NodePortClaim } from '../app-model';
import { error, Finding, warning } from '../findings';

interface HostClaim {
  readonly path: string;
  readonly what: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostIp: string;
  readonly nodeSelector: Record<string, string>;
  readonly hasAffinity: boolean;
  readonly source: string;
}

/** A pod's or a registered controller's claim as this family compares them (Services' nodePorts are not host ports). */
function hostClaim(c: NodePortClaim): HostClaim | undefined {
  const { pod, podPort, controller } = c;
  if (pod && podPort) {
    return {
      path: pod.object.path, what: `${pod.owner} (${podPort.hostNetwork ? 'hostNetwork' : 'hostPort'})`, port: c.port, protocol: c.protocol,
      hostIp: c.hostIp, nodeSelector: pod.nodeSelector, hasAffinity: pod.hasAffinity, source: `${pod.object.path}#${podPort.containerName}`,
    };
  }
  if (controller) {
    return {
      path: controller.path, what: `ingress controller ${controller.path}`, port: c.port, protocol: c.protocol, hostIp: c.hostIp,
      nodeSelector: controller.nodeSelector ?? {}, hasAffinity: false, source: controller.path,
    };
  }
  return undefined;
}

function canShareNode(a: HostClaim, b: HostClaim): boolean {
  for (const [k, v] of Object.entries(a.nodeSelector)) {
    if (b.nodeSelector[k] !== undefined && b.nodeSelector[k] !== v) return false;
  }
  return true;
}

function hostIpsOverlap(a: string, b: string): boolean {
  const any = (ip: string) => ip === '' || ip === '0.0.0.0' || ip === '::';
  return any(a) || any(b) || a === b;
}

/** Every pair of host-port claims that can land on one node: an error (a warning if an affinity may keep them apart). */
export function checkHostPorts(model: AppModel): Finding[] {
  const claims = model.nodePortClaims.map(hostClaim).filter((c): c is HostClaim => c !== undefined);
  const findings: Finding[] = [];
  // only claims of the same port and protocol can collide: pairs within those groups, in claim order
  const groups = new Map<unknown, Map<unknown, HostClaim[]>>();
  const place: Array<{ group: HostClaim[]; at: number }> = [];
  for (const c of claims) {
    let byProtocol = groups.get(c.port);
    if (!byProtocol) groups.set(c.port, byProtocol = new Map());
    let group = byProtocol.get(c.protocol);
    if (!group) byProtocol.set(c.protocol, group = []);
    place.push({ group, at: group.length });
    group.push(c);
  }
  for (const { group, at } of place) {
    for (let j = at + 1; j < group.length; j++) {
      const a = group[at];
      const b = group[j];
      if (!hostIpsOverlap(a.hostIp, b.hostIp)) continue;
      if (a.path === b.path && a.source === b.source) continue;
      if (!canShareNode(a, b)) continue;
      const message = `${a.protocol} port ${a.port} on the node is also claimed by ${b.what}; both can be scheduled on the same node ` +
        '(no nodeSelector keeps them apart), so one of them would not start there; allowed: another port, or nodeSelectors with different values for one label key';
      const hit = a.hasAffinity || b.hasAffinity
        ? warning(a.path, 'host-port', duplicate('', a.port, `${message} (affinity rules may keep them apart: not checked)`))
        : error(a.path, 'host-port', duplicate('', a.port, message));
      findings.push(hit);
    }
  }
  return findings;
}
