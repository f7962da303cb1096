/**
 * Exposures on the nodes: hostPort, hostNetwork, an ingress controller's own ports, and the
 * Services (nodePort, externalIPs, load balancer) with the pods they select.
 */
import { ContainerPort, ModelService, ModelServicePort, PodTemplate } from '../app-checks/app-model';
import { GraphBuilder, l4Protocol, selects } from './graph';
import { addPodsNode, controllerNodeId, whereItRuns } from './workloads';
import { EdgeKind, EdgeProtocol, EntryPointKind, HopKind, TlsMarking, TopologyNodeKind, TopologyZone } from './types';

/** A Service of the model, the pod templates it selects and its node id. */
export interface ServiceInfo {
  readonly service: ModelService;
  readonly id: string;
  readonly targets: PodTemplate[];
}

/** A port named `http...`/`https...` (or with that appProtocol) says what it speaks. */
export function portProtocol(name: string | undefined, appProtocol: string | undefined, l4: string | undefined): EdgeProtocol {
  const hint = (appProtocol ?? name ?? '').toLowerCase();
  if (/^(https|.*\/https)/.test(hint)) return EdgeProtocol.HTTPS;
  if (/^(http|.*\/http|kubernetes\.io\/h2c)/.test(hint)) return EdgeProtocol.HTTP;
  return l4Protocol(l4);
}

const tlsOf = (p: EdgeProtocol) => p === EdgeProtocol.HTTPS ? TlsMarking.TERMINATED : TlsMarking.NONE;

/**
 * hostPort and hostNetwork ports of ordinary pods, and every port of a hostNetwork controller
 * that a client may dial (`forClients` leaves out the ports only the API server calls: webhooks).
 */
export function addNodeExposures(g: GraphBuilder, pods: readonly PodTemplate[],
  forClients: (pod: PodTemplate, containerPort: number) => boolean = () => true): void {
  for (const p of pods) {
    const group = p.object.group;
    const where = whereItRuns(p);
    for (const port of p.ports) {
      const nodePort = p.hostNetwork ? port.containerPort : port.hostPort;
      if (nodePort === undefined || !forClients(p, port.containerPort)) continue;
      const proto = portProtocol(port.name, undefined, port.protocol);
      const address = port.hostIP && port.hostIP !== '0.0.0.0' ? port.hostIP : where;
      const entry = g.node({
        id: `entry/${p.hostNetwork ? 'host-network' : 'host-port'}/${p.object.namespace}/${p.object.name}/${nodePort}/${port.protocol}`,
        kind: TopologyNodeKind.ENTRY_POINT,
        zone: TopologyZone.CLIENT,
        entryPointKind: p.hostNetwork ? EntryPointKind.HOST_NETWORK : EntryPointKind.HOST_PORT,
        label: `${address} :${nodePort}`,
        details: [`${port.protocol}${port.name ? ` (${port.name})` : ''}`],
        group,
        address,
        port: nodePort,
      });
      if (p.controller) {
        g.node(controllerNode(p));
        g.edge(entry, controllerNodeId(p), proto, tlsOf(proto), nodePort, group);
        continue;
      }
      const hop = g.node(p.hostNetwork ? {
        id: `hop/host-network/${p.object.namespace}/${p.object.name}`,
        kind: TopologyNodeKind.HOP, hopKind: HopKind.HOST_NETWORK, zone: TopologyZone.NODES,
        label: 'host network', details: ['the node\'s own sockets, no NAT'], group,
      } : {
        id: `hop/host-port/${p.object.namespace}/${p.object.name}`,
        kind: TopologyNodeKind.HOP, hopKind: HopKind.HOST_PORT_MAPPING, zone: TopologyZone.NODES,
        label: 'hostPort mapping', details: ['CNI portmap (DNAT) on the pod\'s node'], group,
      });
      g.edge(entry, hop, proto, tlsOf(proto), nodePort, group);
      g.edge(hop, addPodsNode(g, p), proto, tlsOf(proto), port.containerPort, group);
    }
  }
}

/** The hop node of an ingress controller's pods. */
export function controllerNode(p: PodTemplate) {
  const c = p.controller!;
  return {
    id: controllerNodeId(p),
    kind: TopologyNodeKind.HOP,
    hopKind: HopKind.INGRESS_CONTROLLER,
    zone: TopologyZone.CONTROLLER,
    label: `ingress controller ${p.object.name}`,
    details: [
      `${p.object.kind}, class ${c.ingressClassName}`,
      ...(p.hostNetwork ? [`host network, ${whereItRuns(p)}`] : []),
      ...(c.sslPassthroughEnabled ? ['--enable-ssl-passthrough'] : []),
    ],
    group: p.object.group,
    namespace: p.object.namespace,
    objectName: p.object.name,
    objectKind: p.object.kind,
  };
}

/** The container port a Service port's targetPort names (a number, or a port name of the pods). */
export function resolveTargetPort(port: ModelServicePort, target: PodTemplate): ContainerPort | number | undefined {
  const t = port.targetPort ?? port.port;
  if (typeof t === 'number') return target.ports.find(p => p.containerPort === t && p.protocol === port.protocol) ?? t;
  return target.ports.find(p => p.name === t);
}

/** Services, the pods they select, and their nodePort, externalIPs and load-balancer entry points. */
export function addServices(g: GraphBuilder, services: readonly ModelService[], pods: readonly PodTemplate[]): ServiceInfo[] {
  const out: ServiceInfo[] = [];
  for (const service of services) {
    const o = service.object;
    const type = service.type;
    const targets = pods.filter(p => p.object.namespace === o.namespace && selects(service.selector, p.labels));
    const id = g.node({
      id: `service/${o.namespace}/${o.name}`,
      kind: TopologyNodeKind.SERVICE,
      zone: TopologyZone.CLUSTER,
      label: `Service ${o.name}`,
      details: [
        `${type}${type === 'ExternalName' ? ` ${service.externalName}` : ''}`,
        ...service.ports.map(p => `:${p.port}${p.nodePort ? ` (node :${p.nodePort})` : ''} -> ${p.targetPort ?? p.port}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`),
        ...(targets.length === 0 && service.selector ? ['selects no pods here'] : []),
      ],
      group: o.group,
      namespace: o.namespace,
      objectName: o.name,
      objectKind: 'Service',
    });
    if (targets.some(t => t.controller)) for (const t of targets.filter(x => x.controller)) g.node(controllerNode(t));
    out.push({ service, id, targets });
    addServiceEntries(g, service, id);
  }
  return out;
}

function addServiceEntries(g: GraphBuilder, s: ModelService, service: string): void {
  const o = s.object;
  const type = s.type;
  const hop = () => g.node({
    id: `hop/kube-proxy/${o.namespace}/${o.name}`,
    kind: TopologyNodeKind.HOP, hopKind: HopKind.KUBE_PROXY, zone: TopologyZone.NODES,
    label: 'kube-proxy', details: ['every node, to the Service\'s endpoints'], group: o.group,
  });
  for (const port of s.ports) {
    const proto = portProtocol(port.name, port.appProtocol, port.protocol);
    const entries: Array<{ kind: EntryPointKind; address: string; port: number; key: string }> = [];
    if ((type === 'NodePort' || type === 'LoadBalancer')) {
      const np = port.nodePort;
      entries.push({ kind: EntryPointKind.NODE_PORT, address: 'every node', port: np ?? 0, key: np === undefined ? `${o.namespace}/${o.name}/${port.port}` : `${np}` });
    }
    if (type === 'LoadBalancer') entries.push({ kind: EntryPointKind.LOAD_BALANCER, address: `load balancer of ${o.name}`, port: port.port, key: `${o.namespace}/${o.name}/${port.port}` });
    for (const ip of s.externalIPs) entries.push({ kind: EntryPointKind.EXTERNAL_IP, address: ip, port: port.port, key: `${ip}/${port.port}` });
    for (const e of entries) {
      const shown = e.port === 0 ? '<allocated>' : `${e.port}`;
      const entry = g.node({
        id: `entry/${e.kind.toLowerCase().replace(/_/g, '-')}/${e.key}/${port.protocol}`,
        kind: TopologyNodeKind.ENTRY_POINT, zone: TopologyZone.CLIENT, entryPointKind: e.kind,
        label: `${e.address} :${shown}`, details: [port.protocol], group: o.group, address: e.address,
        port: e.port === 0 ? undefined : e.port,
      });
      const first = e.kind === EntryPointKind.EXTERNAL_IP ? ipOwner(g, e.address, o.group) : entry;
      if (first !== entry) g.edge(entry, first, proto, tlsOf(proto), e.port, o.group);
      g.edge(first, hop(), proto, tlsOf(proto), e.port === 0 ? undefined : e.port, o.group);
      g.edge(hop(), service, proto, tlsOf(proto), port.port, o.group);
    }
  }
}

/**
 * The node an external IP reaches: the network outside the cluster must route the IP to one
 * node, where kube-proxy's rules for it take the packets (the seed's 9.4: its floating IP was
 * not routed from outside its cloud, so only clients inside reached it).
 */
function ipOwner(g: GraphBuilder, ip: string, group: string): string {
  return g.node({
    id: `hop/node-owning-ip/${ip}`, kind: TopologyNodeKind.HOP, hopKind: HopKind.NODE_OWNING_IP, zone: TopologyZone.NODES,
    label: `the node that owns ${ip}`,
    details: ['the network outside must route this IP to it', 'kube-proxy\'s externalIPs rule there takes it', 'no node owns it: clients outside get no answer'],
    group,
  });
}

/** The container port number a Service port reaches on a pod template. */
export function targetPortNumber(port: ModelServicePort, target: PodTemplate): number | undefined {
  const resolved = resolveTargetPort(port, target);
  return typeof resolved === 'number' ? resolved : resolved?.containerPort;
}

/**
 * Service -> pods edges, after every route into the Service is known: each carries what the
 * routes into that Service port carry (HTTPS re-encrypted, TLS passed through), else the port's
 * own protocol. A Service that no traffic enters but whose endpoints a proxy sends to (an
 * ingress controller, a Gateway) gets `ENDPOINTS` edges instead: where the endpoints come from.
 */
export function addServiceTargets(g: GraphBuilder, services: ServiceInfo[]): void {
  for (const s of services) {
    const incoming = g.edgesInto(s.id);
    const endpointsOnly = incoming.length === 0 && g.edgesToEndpointsOf(s.id).length > 0;
    for (const port of s.service.ports) {
      const into = incoming.filter(e => e.port === port.port);
      const own = portProtocol(port.name, port.appProtocol, port.protocol);
      const carried = into.length > 0 ? into.map(e => ({ protocol: e.protocol, tls: e.tls })) : [{ protocol: own, tls: tlsOf(own) }];
      for (const t of s.targets) {
        const number = targetPortNumber(port, t);
        const to = addPodsNode(g, t);
        if (endpointsOnly) {
          g.edge(s.id, to, own, TlsMarking.NONE, number, s.service.object.group, undefined, { kind: EdgeKind.ENDPOINTS });
          continue;
        }
        for (const c of carried) {
          g.edge(s.id, to, c.protocol, c.tls, number, s.service.object.group);
        }
      }
    }
  }
}
