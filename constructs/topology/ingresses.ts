/**
 * Ingresses (networking.k8s.io/v1) as ingress-nginx reads them: host and path entry points,
 * TLS ended at the controller (`spec.tls`), passed through by SNI (`ssl-passthrough`), and the
 * backend protocol and verification (`backend-protocol`, `proxy-ssl-verify`).
 */
import { NGINX_ANNOTATION_PREFIX } from '../targets/ingress-nginx/annotations';
import { ServiceInfo, controllerNode } from './exposures';
import { GraphBuilder, SourcedObject } from './graph';
import { controllerNodeId, PodGroup, whereItRuns } from './workloads';
import { EdgeProtocol, EntryPointKind, HopKind, TlsMarking, TopologyNodeKind, TopologyZone } from './types';

// Kept here rather than imported so that topology reads only the annotation constants module.
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** The backend's protocol and TLS for ingress-nginx's `backend-protocol` (default HTTP) and `proxy-ssl-verify` (default off). */
function backendOf(annotations: Record<string, string>): { protocol: EdgeProtocol; tls: TlsMarking } {
  const declared = (annotations[`${NGINX_ANNOTATION_PREFIX}backend-protocol`] ?? 'HTTP').toUpperCase();
  const verified = annotations[`${NGINX_ANNOTATION_PREFIX}proxy-ssl-verify`] === 'on';
  const tls = verified ? TlsMarking.REENCRYPTED_VERIFIED : TlsMarking.REENCRYPTED_UNVERIFIED;
  if (declared === 'HTTPS') return { protocol: EdgeProtocol.HTTPS, tls };
  if (declared === 'GRPCS') return { protocol: EdgeProtocol.GRPCS, tls };
  if (declared === 'GRPC') return { protocol: EdgeProtocol.GRPC, tls: TlsMarking.NONE };
  return { protocol: EdgeProtocol.HTTP, tls: TlsMarking.NONE };
}

/** Where clients reach a controller: its host network, a Service in front of it, or unknown. */
export function controllerAddress(controller: PodGroup | undefined, services: ServiceInfo[]): string {
  if (!controller) return 'the controller\'s address';
  if (controller.hostNetwork) return whereItRuns(controller);
  const front = services.find(s => s.targets.includes(controller) && ['NodePort', 'LoadBalancer'].includes(s.object.json.spec?.type));
  if (front) return front.object.json.spec.type === 'LoadBalancer' ? `load balancer of ${front.object.name}` : 'every node (nodePort)';
  const ports = controller.ports.some(p => p.hostPort !== undefined);
  return ports ? whereItRuns(controller) : 'the controller\'s address';
}

/** The hop node of the controllers serving `cls`: the ones in the manifests, else one standing for it. */
function controllersFor(g: GraphBuilder, cls: string, pods: PodGroup[]): { ids: string[]; controller?: PodGroup } {
  const found = pods.filter(p => p.controller && (cls === '' || p.controller.ingressClasses.includes(cls)));
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

/** The Service node of a backend, and the port number its `port` (number or name) means. */
function backendService(g: GraphBuilder, ns: string, backend: any, services: ServiceInfo[], group: string): { id: string; port?: number } | undefined {
  const svc = backend?.service;
  if (!svc?.name) return undefined;
  const known = services.find(s => s.object.namespace === ns && s.object.name === svc.name);
  const byName = svc.port?.name !== undefined ? known?.ports.find(p => p.name === svc.port.name)?.port : undefined;
  const port: number | undefined = svc.port?.number ?? byName;
  if (known) return { id: known.id, port };
  const id = g.node({
    id: `service/${ns}/${svc.name}`, kind: TopologyNodeKind.SERVICE, zone: TopologyZone.CLUSTER,
    label: `Service ${svc.name}`, details: ['not in these manifests'], group, namespace: ns, objectName: svc.name, objectKind: 'Service',
  });
  return { id, port };
}

export function addIngresses(g: GraphBuilder, objects: SourcedObject[], pods: PodGroup[], services: ServiceInfo[]): void {
  for (const o of objects.filter(x => x.kind === 'Ingress' && x.json.apiVersion === 'networking.k8s.io/v1')) {
    const spec = o.json.spec ?? {};
    const annotations: Record<string, string> = o.json.metadata?.annotations ?? {};
    const cls: string = spec.ingressClassName ?? annotations[INGRESS_CLASS_ANNOTATION] ?? '';
    const { ids, controller } = controllersFor(g, cls, pods);
    const address = controllerAddress(controller, services);
    const passthrough = annotations[`${NGINX_ANNOTATION_PREFIX}ssl-passthrough`] === 'true';
    const backend = backendOf(annotations);
    const tlsHosts = new Map<string, string>();
    for (const t of spec.tls ?? []) for (const h of t.hosts ?? []) tlsHosts.set(h, t.secretName ?? '(default certificate)');
    const routes: Array<{ host: string; path: string; backend: any }> = [];
    if (spec.defaultBackend) routes.push({ host: '*', path: '/', backend: spec.defaultBackend });
    for (const rule of spec.rules ?? []) {
      for (const p of rule.http?.paths ?? []) routes.push({ host: rule.host ?? '*', path: p.path ?? '/', backend: p.backend });
    }
    for (const r of routes) {
      const target = backendService(g, o.namespace, r.backend, services, o.group);
      if (passthrough) {
        const lacksFlag = controller && !controller.controller!.sslPassthrough;
        const entry = g.node({
          id: `entry/tls-sni/${cls}/${r.host}:443`,
          kind: TopologyNodeKind.ENTRY_POINT, zone: TopologyZone.CLIENT, entryPointKind: EntryPointKind.TLS_SNI,
          label: `TLS, SNI ${r.host} :443`,
          details: [`at ${address} :443`, 'routed on the SNI, not opened', ...(lacksFlag ? ['the controller lacks --enable-ssl-passthrough'] : [])],
          group: o.group, host: r.host, address, port: 443,
        });
        for (const c of ids) {
          g.edge(entry, c, EdgeProtocol.TLS, TlsMarking.PASSTHROUGH, 443, o.group);
          if (target) g.edge(c, target.id, EdgeProtocol.TLS, TlsMarking.PASSTHROUGH, target.port, o.group);
        }
        continue;
      }
      const secret = tlsHosts.get(r.host);
      const port = secret !== undefined ? 443 : 80;
      const entry = g.node({
        id: `entry/http-host/${cls}/${r.host}${r.path}:${port}`,
        kind: TopologyNodeKind.ENTRY_POINT, zone: TopologyZone.CLIENT, entryPointKind: EntryPointKind.HTTP_HOST,
        label: `${secret !== undefined ? 'https' : 'http'}://${r.host}${r.path}`,
        details: [`at ${address} :${port}`, ...(secret !== undefined ? [`certificate ${secret}`, ':80 redirects to https'] : [])],
        group: o.group, host: r.host, address, port,
      });
      for (const c of ids) {
        if (secret !== undefined) g.edge(entry, c, EdgeProtocol.HTTPS, TlsMarking.TERMINATED, 443, o.group);
        else g.edge(entry, c, EdgeProtocol.HTTP, TlsMarking.NONE, 80, o.group);
        if (target) g.edge(c, target.id, backend.protocol, backend.tls, target.port, o.group);
      }
    }
  }
}

/** A controller's `--default-backend-service`: where requests for unknown hosts go. */
export function addControllerDefaultBackends(g: GraphBuilder, pods: PodGroup[], services: ServiceInfo[]): void {
  for (const p of pods.filter(x => x.controller?.defaultBackend)) {
    const [ns, name] = p.controller!.defaultBackend!.split('/');
    const svc = services.find(s => s.object.namespace === ns && s.object.name === name);
    if (!svc) continue;
    g.node(controllerNode(p));
    g.edge(controllerNodeId(p), svc.id, EdgeProtocol.HTTP, TlsMarking.NONE, svc.ports[0]?.port, p.object.group, 'unknown hosts');
  }
}
