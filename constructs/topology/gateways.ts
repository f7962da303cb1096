/**
 * Gateway API routes of the app model: a Gateway is the hop, its listeners the ports, and the
 * routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute) the entry points and backends. A
 * Service under a BackendTLSPolicy is re-encrypted to, always verified (its `validation` is
 * required).
 *
 * Where the data plane connects to depends on the implementation. Envoy Gateway (read at v1.9.0,
 * internal/gatewayapi/translator.go, IsServiceRouting) sends to the Service's endpoints unless an
 * EnvoyProxy's or a BackendTrafficPolicy's `routingType` is `Service`: its Gateways are drawn
 * sending to the pods, passthrough included. For any other implementation nothing here says which,
 * and the edge goes to the Service.
 */
import { AppModel, ModelGateway, ModelListener, Route } from '../app-checks/app-model';
import { isHttpRouteKind } from '../targets/gateway-api/model-reader';
import { ServiceInfo } from './exposures';
import { GraphBuilder } from './graph';
import { edgeToEndpoints } from './ingresses';
import { EdgeProtocol, EntryPointKind, HopKind, TlsMarking, TopologyNodeKind, TopologyZone } from './types';

/** Every Gateway API route of the model, by route object (in object order): each rule, and where it attaches. */
export function addGateways(g: GraphBuilder, model: AppModel, services: readonly ServiceInfo[]): void {
  const rulesOf = new Map<unknown, Route[]>();
  for (const r of model.routes.filter(x => x.className === undefined)) {
    const list = rulesOf.get(r.object);
    if (list) list.push(r);
    else rulesOf.set(r.object, [r]);
  }
  for (const rules of rulesOf.values()) {
    for (const parent of rules[0].parents) {
      const hop = parent.gateway ? gatewayNode(g, parent.gateway) : g.node({
        id: `hop/gateway/${parent.namespace}/${parent.name}`, kind: TopologyNodeKind.HOP, hopKind: HopKind.INGRESS_CONTROLLER,
        zone: TopologyZone.CONTROLLER, label: `Gateway ${parent.name}`, details: ['not in these manifests'],
      });
      const address = parent.gateway?.address ?? `the address of Gateway ${parent.name}`;
      const toEndpoints = gatewaySendsToEndpoints(model, parent.gateway);
      for (const l of parent.listeners) addRoute(g, rules, { hop, toEndpoints }, l, address, services);
    }
  }
}

/** Envoy Gateway's GatewayClass controller (api/v1alpha1/envoygateway_types.go, GatewayControllerName). */
export const ENVOY_GATEWAY_CONTROLLER_NAME = 'gateway.envoyproxy.io/gatewayclass-controller';

/** Whether a Gateway's data plane sends to the Services' endpoints: Envoy Gateway without a `routingType: Service`. */
export function gatewaySendsToEndpoints(model: AppModel, gw: ModelGateway | undefined): boolean {
  if (!gw) return false;
  const cls = model.objects.find(o => o.kind === 'GatewayClass' && o.name === gw.className);
  if (cls?.json?.spec?.controllerName !== ENVOY_GATEWAY_CONTROLLER_NAME) return false;
  const serviceRouting = model.objects.some(o => ['EnvoyProxy', 'BackendTrafficPolicy'].includes(o.kind)
    && String(o.apiVersion).startsWith('gateway.envoyproxy.io/') && o.json?.spec?.routingType === 'Service');
  return !serviceRouting;
}

function serviceNode(g: GraphBuilder, services: readonly ServiceInfo[], ns: string, name: string, group: string): { id: string; info?: ServiceInfo } {
  const known = services.find(s => s.service.object.namespace === ns && s.service.object.name === name);
  if (known) return { id: known.id, info: known };
  const id = g.node({
    id: `service/${ns}/${name}`, kind: TopologyNodeKind.SERVICE, zone: TopologyZone.CLUSTER,
    label: `Service ${name}`, details: ['not in these manifests'], group, namespace: ns, objectName: name, objectKind: 'Service',
  });
  return { id };
}

function gatewayNode(g: GraphBuilder, gw: ModelGateway): string {
  const o = gw.object;
  return g.node({
    id: `hop/gateway/${o.namespace}/${o.name}`,
    kind: TopologyNodeKind.HOP, hopKind: HopKind.INGRESS_CONTROLLER, zone: TopologyZone.CONTROLLER,
    label: `Gateway ${o.name}`,
    details: [`class ${gw.className}`, ...gw.listeners.map(l => `${l.name}: ${l.protocol} :${l.port}${l.tlsMode === 'Passthrough' ? ' passthrough' : ''}`)],
    group: o.group, namespace: o.namespace, objectName: o.name, objectKind: 'Gateway',
  });
}

/** The edges of one route object's rules through one listener. */
function addRoute(g: GraphBuilder, rules: readonly Route[], via: { hop: string; toEndpoints: boolean }, l: ModelListener, address: string,
  services: readonly ServiceInfo[]): void {
  const { hop, toEndpoints } = via;
  const route = rules[0].object;
  const http = isHttpRouteKind(route.kind);
  const passthrough = l.protocol === 'TLS' && l.tlsMode === 'Passthrough';
  const inbound = l.protocol === 'HTTPS' ? { p: EdgeProtocol.HTTPS, t: TlsMarking.TERMINATED }
    : l.protocol === 'TLS' ? { p: EdgeProtocol.TLS, t: passthrough ? TlsMarking.PASSTHROUGH : TlsMarking.TERMINATED }
      : { p: l.protocol === 'UDP' ? EdgeProtocol.UDP : http ? EdgeProtocol.HTTP : EdgeProtocol.TCP, t: TlsMarking.NONE };
  for (const rule of rules) {
    const hosts = rule.hosts.length ? rule.hosts : [l.hostname ?? '*'];
    const paths = http ? rule.matches.map(m => m.path) : [''];
    for (const host of hosts) {
      for (const path of paths.length ? paths : ['/']) {
        const scheme = l.protocol === 'HTTPS' ? 'https' : 'http';
        const entry = g.node({
          id: `entry/${http ? 'http-host' : 'tls-sni'}/${hop.replace(/^hop\//, '')}/${host}${path}:${l.port}`,
          kind: TopologyNodeKind.ENTRY_POINT, zone: TopologyZone.CLIENT,
          entryPointKind: http || !l.protocol.startsWith('TLS') ? EntryPointKind.HTTP_HOST : EntryPointKind.TLS_SNI,
          label: http ? `${scheme}://${host}${path}` : `${l.protocol}, SNI ${host} :${l.port}`,
          details: [`at ${address} :${l.port}`, `listener ${l.name}`],
          group: route.group, host, address, port: l.port,
        });
        g.edge(entry, hop, inbound.p, inbound.t, l.port, route.group);
        for (const b of rule.backends) {
          const svc = serviceNode(g, services, b.namespace, b.serviceName, route.group);
          const out = passthrough ? { p: EdgeProtocol.TLS, t: TlsMarking.PASSTHROUGH }
            : b.verified ? { p: route.kind === 'GRPCRoute' ? EdgeProtocol.GRPCS : http ? EdgeProtocol.HTTPS : EdgeProtocol.TLS, t: TlsMarking.REENCRYPTED_VERIFIED }
              : { p: route.kind === 'GRPCRoute' ? EdgeProtocol.GRPC : http ? EdgeProtocol.HTTP : inbound.p === EdgeProtocol.UDP ? EdgeProtocol.UDP : EdgeProtocol.TCP, t: TlsMarking.NONE };
          if (toEndpoints) edgeToEndpoints(g, hop, { id: svc.id, port: b.port, info: svc.info }, out.p, out.t, route.group);
          else g.edge(hop, svc.id, out.p, out.t, b.port, route.group);
        }
      }
    }
  }
}
