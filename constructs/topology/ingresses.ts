/**
 * Ingress routes of the app model as ingress-nginx serves them: host and path entry points, TLS
 * ended at the controller (`spec.tls`), passed through by SNI (ssl-passthrough), and the backend
 * protocol and verification (what the ingress-nginx reader made of the annotations).
 *
 * Where the controller connects to (read in kubernetes/ingress-nginx at controller-v1.11.8 and
 * controller-v1.15.1): its nginx upstreams are the Service's endpoints (EndpointSlices), so an
 * HTTP(S) route goes to the pods directly, not through the cluster IP and kube-proxy; with the
 * `service-upstream: "true"` annotation the upstream is the cluster IP instead
 * (internal/ingress/annotations/serviceupstream). ssl-passthrough is the exception: the TLS proxy
 * in front of nginx dials `svc.Spec.ClusterIP` (internal/ingress/controller/nginx.go,
 * generateTemplate), so kube-proxy takes part there. The default backend is an upstream of
 * endpoints too (controller.go, getDefaultUpstream).
 */
import { AppModel, PodTemplate, Route, RouteBackend } from '../app-checks/app-model';
import { ingressesOf } from '../app-checks/ingress-reading';
import { ServiceInfo, controllerNode, targetPortNumber } from './exposures';
import { GraphBuilder } from './graph';
import { addPodsNode, controllerNodeId, whereItRuns } from './workloads';
import { EdgeProtocol, EntryPointKind, HopKind, TlsMarking, TopologyNodeKind, TopologyZone } from './types';

/** What the controller connects to for a backend: the Service (`id`, `port`) and, when known, its pods. */
export interface BackendTarget {
  readonly id: string;
  readonly port?: number;
  readonly info?: ServiceInfo;
}

/** Note on a proxy's edge to a Service's pods. */
export const ENDPOINTS_NOTE = 'to the pods, no kube-proxy';

/** Note on an edge to a Service's cluster IP (passthrough, service-upstream). */
export const VIA_CLUSTER_IP = 'to the cluster IP (kube-proxy)';

/**
 * A proxy's connection to a backend Service's endpoints: one edge to each selected workload's
 * pods, at the port the Service port targets (with `endpointsOf` naming the Service), or to the
 * Service itself when its pods are not among the objects.
 */
export function edgeToEndpoints(g: GraphBuilder, from: string, target: BackendTarget, protocol: EdgeProtocol, tls: TlsMarking,
  group: string, note?: string): void {
  const port = target.info?.service.ports.find(p => p.port === target.port) ?? target.info?.service.ports[0];
  const pods = port ? target.info!.targets : [];
  if (pods.length === 0) {
    g.edge(from, target.id, protocol, tls, target.port, group, note ?? 'to its endpoints', { endpointsOf: target.id });
    return;
  }
  const said = note ?? ENDPOINTS_NOTE;
  for (const t of pods) g.edge(from, addPodsNode(g, t), protocol, tls, targetPortNumber(port!, t), group, said, { endpointsOf: target.id });
}

/** Whether an Ingress asks ingress-nginx for the cluster IP instead of the endpoints. */
function serviceUpstream(json: any): boolean {
  return json?.metadata?.annotations?.['nginx.ingress.kubernetes.io/service-upstream'] === 'true';
}

/** The backend's protocol and TLS: the route's backend protocol (default HTTP), verified or not. */
function backendOf(route: Route): { protocol: EdgeProtocol; tls: TlsMarking } {
  const declared = route.backendProtocol;
  const tls = route.backendVerified ? TlsMarking.REENCRYPTED_VERIFIED : TlsMarking.REENCRYPTED_UNVERIFIED;
  if (declared === 'HTTPS') return { protocol: EdgeProtocol.HTTPS, tls };
  if (declared === 'GRPCS') return { protocol: EdgeProtocol.GRPCS, tls };
  if (declared === 'GRPC') return { protocol: EdgeProtocol.GRPC, tls: TlsMarking.NONE };
  return { protocol: EdgeProtocol.HTTP, tls: TlsMarking.NONE };
}

/** Where clients reach a controller: its host network, a Service in front of it, or unknown. */
export function controllerAddress(controller: PodTemplate | undefined, services: readonly ServiceInfo[]): string {
  if (!controller) return 'the controller\'s address';
  if (controller.hostNetwork) return whereItRuns(controller);
  const front = services.find(s => s.targets.includes(controller) && ['NodePort', 'LoadBalancer'].includes(s.service.type));
  if (front) return front.service.type === 'LoadBalancer' ? `load balancer of ${front.service.object.name}` : 'every node (nodePort)';
  const ports = controller.ports.some(p => p.hostPort !== undefined);
  return ports ? whereItRuns(controller) : 'the controller\'s address';
}

/** The hop node of the controllers serving `cls`: the ones in the manifests, else one standing for it. */
function controllersFor(g: GraphBuilder, cls: string, pods: readonly PodTemplate[]): { ids: string[]; controller?: PodTemplate } {
  const found = pods.filter(p => p.controller && (cls === '' || p.controller.ingressClassName === cls));
  if (found.length > 0) {
    for (const p of found) g.node(controllerNode(p));
    return { ids: found.map(controllerNodeId), controller: found[0] };
  }
  const id = g.node({
    id: `hop/ingress-class/${cls || 'default'}`,
    kind: TopologyNodeKind.HOP, hopKind: HopKind.INGRESS_CONTROLLER, zone: TopologyZone.CONTROLLER,
    label: `ingress controller (class ${cls || 'default'})`, details: ['not in these manifests'],
  });
  return { ids: [id] };
}

/** The Service node of a backend, and the port number its port (number or name) means. */
function backendService(g: GraphBuilder, backend: RouteBackend | undefined, services: readonly ServiceInfo[], group: string):
BackendTarget | undefined {
  if (!backend?.serviceName) return undefined;
  const ns = backend.namespace;
  const known = services.find(s => s.service.object.namespace === ns && s.service.object.name === backend.serviceName);
  const byName = backend.portName !== undefined ? known?.service.ports.find(p => p.name === backend.portName)?.port : undefined;
  const port = backend.port ?? byName;
  if (known) return { id: known.id, port, info: known };
  const id = g.node({
    id: `service/${ns}/${backend.serviceName}`, kind: TopologyNodeKind.SERVICE, zone: TopologyZone.CLUSTER,
    label: `Service ${backend.serviceName}`, details: ['not in these manifests'], group, namespace: ns, objectName: backend.serviceName, objectKind: 'Service',
  });
  return { id, port };
}

/** One Ingress route: its entry point, the controllers' hops, and the backend Service. */
function addIngressRoute(g: GraphBuilder, route: Route, cls: string, hops: { ids: string[]; controller?: PodTemplate }, address: string,
  services: readonly ServiceInfo[]): void {
  const o = route.object;
  const host = route.hosts[0];
  const { ids, controller } = hops;
  const target = backendService(g, route.backends[0], services, o.group);
  if (route.tls?.mode === 'PASSTHROUGH') {
    const lacksFlag = controller && !controller.controller!.sslPassthroughEnabled;
    const entry = g.node({
      id: `entry/tls-sni/${cls}/${host}:443`,
      kind: TopologyNodeKind.ENTRY_POINT, zone: TopologyZone.CLIENT, entryPointKind: EntryPointKind.TLS_SNI,
      label: `TLS, SNI ${host} :443`,
      details: [`at ${address} :443`, 'routed on the SNI, not opened', ...(lacksFlag ? ['the controller lacks --enable-ssl-passthrough'] : [])],
      group: o.group, host, address, port: 443,
    });
    for (const c of ids) {
      g.edge(entry, c, EdgeProtocol.TLS, TlsMarking.PASSTHROUGH, 443, o.group);
      // the TLS proxy dials the Service's cluster IP: kube-proxy picks the pod
      if (target) g.edge(c, target.id, EdgeProtocol.TLS, TlsMarking.PASSTHROUGH, target.port, o.group, VIA_CLUSTER_IP);
    }
    return;
  }
  const path = route.matches[0]?.path ?? '/';
  const tls = route.tls?.mode === 'TERMINATE';
  const port = tls ? 443 : 80;
  const backend = backendOf(route);
  const entry = g.node({
    id: `entry/http-host/${cls}/${host}${path}:${port}`,
    kind: TopologyNodeKind.ENTRY_POINT, zone: TopologyZone.CLIENT, entryPointKind: EntryPointKind.HTTP_HOST,
    label: `${tls ? 'https' : 'http'}://${host}${path}`,
    details: [`at ${address} :${port}`, ...(tls ? [`certificate ${route.tls?.secretName ?? '(default certificate)'}`, ':80 redirects to https'] : [])],
    group: o.group, host, address, port,
  });
  const viaClusterIp = serviceUpstream(o.json);
  for (const c of ids) {
    if (tls) g.edge(entry, c, EdgeProtocol.HTTPS, TlsMarking.TERMINATED, 443, o.group);
    else g.edge(entry, c, EdgeProtocol.HTTP, TlsMarking.NONE, 80, o.group);
    if (!target) continue;
    if (viaClusterIp) g.edge(c, target.id, backend.protocol, backend.tls, target.port, o.group, VIA_CLUSTER_IP);
    else edgeToEndpoints(g, c, target, backend.protocol, backend.tls, o.group);
  }
}

/** Every Ingress of the model: the hops of its class, then its routes. */
export function addIngresses(g: GraphBuilder, model: AppModel, services: readonly ServiceInfo[]): void {
  const routesOf = new Map<unknown, Route[]>();
  for (const r of model.routes.filter(x => x.className !== undefined)) {
    const list = routesOf.get(r.object);
    if (list) list.push(r);
    else routesOf.set(r.object, [r]);
  }
  for (const ing of ingressesOf(model)) {
    const hops = controllersFor(g, ing.className, model.pods);
    const address = controllerAddress(hops.controller, services);
    for (const route of routesOf.get(ing.object) ?? []) addIngressRoute(g, route, ing.className, hops, address, services);
  }
}

/** A controller's `--default-backend-service`: where requests for unknown hosts go. */
export function addControllerDefaultBackends(g: GraphBuilder, pods: readonly PodTemplate[], services: readonly ServiceInfo[]): void {
  for (const p of pods.filter(x => x.controller?.defaultBackend)) {
    const [ns, name] = p.controller!.defaultBackend!.split('/');
    const svc = services.find(s => s.service.object.namespace === ns && s.service.object.name === name);
    if (!svc) continue;
    g.node(controllerNode(p));
    const target = { id: svc.id, port: svc.service.ports[0]?.port, info: svc };
    edgeToEndpoints(g, controllerNodeId(p), target, EdgeProtocol.HTTP, TlsMarking.NONE, p.object.group, 'unknown hosts');
  }
}
