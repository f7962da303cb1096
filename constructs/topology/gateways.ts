/**
 * Gateway API (gateway.networking.k8s.io): a Gateway is the hop, its listeners the ports, and
 * HTTPRoute, GRPCRoute, TLSRoute and TCPRoute the entry points and backends. A
 * BackendTLSPolicy on a Service makes the Gateway re-encrypt to it, always verified (its
 * `validation` is required).
 */
import { ServiceInfo } from './exposures';
import { GraphBuilder, SourcedObject } from './graph';
import { EdgeProtocol, EntryPointKind, HopKind, TlsMarking, TopologyNodeKind, TopologyZone } from './types';

const isGatewayApi = (o: SourcedObject) => String(o.json.apiVersion ?? '').startsWith('gateway.networking.k8s.io/');

/** Listener protocols each route kind attaches to. */
const ATTACHES: Record<string, string[]> = {
  HTTPRoute: ['HTTP', 'HTTPS'],
  GRPCRoute: ['HTTP', 'HTTPS'],
  TLSRoute: ['TLS'],
  TCPRoute: ['TCP', 'TLS'],
  UDPRoute: ['UDP'],
};

interface Listener { name: string; port: number; protocol: string; hostname?: string; tlsMode: string }

function serviceNode(g: GraphBuilder, services: ServiceInfo[], ns: string, name: string, group: string): string {
  const known = services.find(s => s.object.namespace === ns && s.object.name === name);
  if (known) return known.id;
  return g.node({
    id: `service/${ns}/${name}`, kind: TopologyNodeKind.SERVICE, zone: TopologyZone.CLUSTER,
    label: `Service ${name}`, details: ['not in these manifests'], group, namespace: ns, objectName: name, objectKind: 'Service',
  });
}

export function addGateways(g: GraphBuilder, objects: SourcedObject[], services: ServiceInfo[]): void {
  const gateways = objects.filter(o => o.kind === 'Gateway' && isGatewayApi(o));
  const verified = new Set<string>();
  for (const p of objects.filter(o => o.kind === 'BackendTLSPolicy' && isGatewayApi(o))) {
    for (const t of p.json.spec?.targetRefs ?? []) if ((t.kind ?? 'Service') === 'Service') verified.add(`${p.namespace}/${t.name}`);
  }
  for (const route of objects.filter(o => ATTACHES[o.kind] && isGatewayApi(o))) {
    const spec = route.json.spec ?? {};
    for (const ref of spec.parentRefs ?? []) {
      const gw = gateways.find(x => x.name === ref.name && x.namespace === (ref.namespace ?? route.namespace));
      const hop = gw ? gatewayNode(g, gw) : g.node({
        id: `hop/gateway/${ref.namespace ?? route.namespace}/${ref.name}`, kind: TopologyNodeKind.HOP, hopKind: HopKind.INGRESS_CONTROLLER,
        zone: TopologyZone.CONTROLLER, label: `Gateway ${ref.name}`, details: ['not in these manifests'],
      });
      const listeners: Listener[] = (gw?.json.spec?.listeners ?? [])
        .map((l: any) => ({ name: l.name, port: l.port, protocol: l.protocol, hostname: l.hostname, tlsMode: l.tls?.mode ?? 'Terminate' }))
        .filter((l: Listener) => ATTACHES[route.kind].includes(l.protocol) && (ref.sectionName === undefined || ref.sectionName === l.name)
          && (ref.port === undefined || ref.port === l.port));
      const address = gw?.json.spec?.addresses?.[0]?.value ?? `the address of Gateway ${ref.name}`;
      for (const l of listeners) addRoute(g, route, hop, l, address, services, verified);
    }
  }
}

function gatewayNode(g: GraphBuilder, gw: SourcedObject): string {
  return g.node({
    id: `hop/gateway/${gw.namespace}/${gw.name}`,
    kind: TopologyNodeKind.HOP, hopKind: HopKind.INGRESS_CONTROLLER, zone: TopologyZone.CONTROLLER,
    label: `Gateway ${gw.name}`,
    details: [`class ${gw.json.spec?.gatewayClassName}`, ...(gw.json.spec?.listeners ?? []).map((l: any) => `${l.name}: ${l.protocol} :${l.port}${l.tls?.mode === 'Passthrough' ? ' passthrough' : ''}`)],
    group: gw.group, namespace: gw.namespace, objectName: gw.name, objectKind: 'Gateway',
  });
}

function addRoute(g: GraphBuilder, route: SourcedObject, hop: string, l: Listener, address: string, services: ServiceInfo[], verified: Set<string>): void {
  const spec = route.json.spec ?? {};
  const hosts: string[] = spec.hostnames?.length ? spec.hostnames : [l.hostname ?? '*'];
  const http = route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute';
  const passthrough = l.protocol === 'TLS' && l.tlsMode === 'Passthrough';
  const inbound = l.protocol === 'HTTPS' ? { p: EdgeProtocol.HTTPS, t: TlsMarking.TERMINATED }
    : l.protocol === 'TLS' ? { p: EdgeProtocol.TLS, t: passthrough ? TlsMarking.PASSTHROUGH : TlsMarking.TERMINATED }
      : { p: l.protocol === 'UDP' ? EdgeProtocol.UDP : http ? EdgeProtocol.HTTP : EdgeProtocol.TCP, t: TlsMarking.NONE };
  for (const rule of spec.rules ?? []) {
    const paths: string[] = http ? (rule.matches ?? []).map((m: any) => m.path?.value ?? '/') : [''];
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
        for (const b of rule.backendRefs ?? []) {
          if ((b.kind ?? 'Service') !== 'Service') continue;
          const ns = b.namespace ?? route.namespace;
          const svc = serviceNode(g, services, ns, b.name, route.group);
          const reencrypt = verified.has(`${ns}/${b.name}`);
          const out = passthrough ? { p: EdgeProtocol.TLS, t: TlsMarking.PASSTHROUGH }
            : reencrypt ? { p: route.kind === 'GRPCRoute' ? EdgeProtocol.GRPCS : http ? EdgeProtocol.HTTPS : EdgeProtocol.TLS, t: TlsMarking.REENCRYPTED_VERIFIED }
              : { p: route.kind === 'GRPCRoute' ? EdgeProtocol.GRPC : http ? EdgeProtocol.HTTP : inbound.p === EdgeProtocol.UDP ? EdgeProtocol.UDP : EdgeProtocol.TCP, t: TlsMarking.NONE };
          g.edge(hop, svc, out.p, out.t, b.port, route.group);
        }
      }
    }
  }
}
