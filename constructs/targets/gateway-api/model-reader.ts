/**
 * The Gateway API target's reader of the app model (gateway.networking.k8s.io, any version):
 * Gateways and their listeners (the Secrets they serve; cert-manager's gateway-shim issues those
 * of an annotated Gateway in its namespace), HTTPRoute, GRPCRoute, TLSRoute, TCPRoute and UDPRoute
 * rules attached to the listeners their `parentRefs` select, and BackendTLSPolicy (the Services
 * the gateway re-encrypts to and verifies, the CA ConfigMaps it verifies them with).
 */
import { namesCertManagerIssuer } from '../../core/cert-manager';
import {
  IssuedSecret, ModelGateway, ModelListener, ModelObject, ObjectReference, Route, RouteBackend, RouteParent,
} from '../../app-checks/app-model';
import { normalizeNamespace } from '../../app-checks/facts';
import { ModelReader, ReaderResult } from '../../app-checks/model-readers';

const GROUP = 'gateway.networking.k8s.io';

/** Listener protocols each route kind attaches to, and what the route carries to its backends. */
const ROUTE_KINDS: Record<string, { attaches: string[]; protocol: string }> = {
  HTTPRoute: { attaches: ['HTTP', 'HTTPS'], protocol: 'HTTP' },
  GRPCRoute: { attaches: ['HTTP', 'HTTPS'], protocol: 'GRPC' },
  TLSRoute: { attaches: ['TLS'], protocol: 'TLS' },
  TCPRoute: { attaches: ['TCP', 'TLS'], protocol: 'TCP' },
  UDPRoute: { attaches: ['UDP'], protocol: 'UDP' },
};

/** Whether routes of `kind` match on HTTP paths. */
export function isHttpRouteKind(kind: string): boolean {
  return kind === 'HTTPRoute' || kind === 'GRPCRoute';
}

function isCertManagerAnnotated(o: ModelObject): boolean {
  return namesCertManagerIssuer(o.json.metadata?.annotations);
}

function readGateway(o: ModelObject, references: ObjectReference[], issued: IssuedSecret[]): ModelGateway {
  const listeners: ModelListener[] = (o.json.spec?.listeners ?? []).map((l: any, i: number) => {
    (l.tls?.certificateRefs ?? []).forEach((ref: any, j: number) => {
      if ((ref.kind ?? 'Secret') !== 'Secret' || (ref.group ?? '') !== '') return;
      const namespace = normalizeNamespace(ref.namespace ?? o.namespace);
      references.push({ from: o, field: `spec.listeners[${i}].tls.certificateRefs[${j}]`, kind: 'Secret', name: ref.name, namespace, use: 'certificate' });
      // cert-manager's gateway-shim issues the Secrets of an annotated Gateway (in its namespace)
      if (isCertManagerAnnotated(o) && namespace === o.namespace) issued.push({ name: ref.name, namespace });
    });
    return { name: l.name, port: l.port, protocol: l.protocol, hostname: l.hostname, tlsMode: l.tls?.mode ?? 'Terminate', field: `spec.listeners[${i}]` };
  });
  return { object: o, className: o.json.spec?.gatewayClassName, address: o.json.spec?.addresses?.[0]?.value, listeners };
}

/** `namespace/name` of the Services a BackendTLSPolicy verifies; its CA ConfigMaps as references. */
function readPolicy(o: ModelObject, verified: Set<string>, references: ObjectReference[]): void {
  for (const t of o.json.spec?.targetRefs ?? []) if ((t.kind ?? 'Service') === 'Service') verified.add(`${o.namespace}/${t.name}`);
  (o.json.spec?.validation?.caCertificateRefs ?? []).forEach((ref: any, i: number) => {
    if (ref.kind !== 'ConfigMap' || (ref.group ?? '') !== '') return;
    references.push({ from: o, field: `spec.validation.caCertificateRefs[${i}]`, kind: 'ConfigMap', name: ref.name, namespace: o.namespace, use: 'backend-ca' });
  });
}

function parentsOf(route: ModelObject, gateways: readonly ModelGateway[]): RouteParent[] {
  const attaches = ROUTE_KINDS[route.kind].attaches;
  return (route.json.spec?.parentRefs ?? []).map((ref: any) => {
    const namespace = ref.namespace ?? route.namespace;
    const gateway = gateways.find(g => g.object.name === ref.name && g.object.namespace === namespace);
    const listeners = (gateway?.listeners ?? []).filter(l => attaches.includes(l.protocol)
      && (ref.sectionName === undefined || ref.sectionName === l.name) && (ref.port === undefined || ref.port === l.port));
    return { name: ref.name, namespace, sectionName: ref.sectionName, port: ref.port, gateway, listeners };
  });
}

function backendsOf(route: ModelObject, rule: any, k: number, verified: ReadonlySet<string>): RouteBackend[] {
  const out: RouteBackend[] = [];
  (rule.backendRefs ?? []).forEach((b: any, j: number) => {
    if ((b.kind ?? 'Service') !== 'Service' || (b.group ?? '') !== '') return;
    const namespace = b.namespace ?? route.namespace;
    const field = `spec.rules[${k}].backendRefs[${j}]`;
    out.push({
      serviceName: b.name, namespace, port: b.port, field, portField: `${field}.port`, portNameField: `${field}.port`,
      verified: verified.has(`${namespace}/${b.name}`),
    });
  });
  return out;
}

/** One route per rule of a route object, attached to its parents' listeners. */
function routesOf(o: ModelObject, gateways: readonly ModelGateway[], verified: ReadonlySet<string>): Route[] {
  const spec = o.json.spec ?? {};
  const parents = parentsOf(o, gateways);
  const http = isHttpRouteKind(o.kind);
  return (spec.rules ?? []).map((rule: any, k: number) => ({
    object: o,
    field: `spec.rules[${k}]`,
    hosts: [...spec.hostnames ?? []],
    matches: http ? (rule.matches ?? []).map((m: any, x: number) => ({ path: m.path?.value ?? '/', pathType: m.path?.type, field: `spec.rules[${k}].matches[${x}]` })) : [],
    backends: backendsOf(o, rule, k, verified),
    parents,
    backendProtocol: ROUTE_KINDS[o.kind].protocol,
    backendVerified: false,
  }));
}

function readGatewayApi(objects: readonly ModelObject[]): ReaderResult {
  const references: ObjectReference[] = [];
  const issuedSecrets: IssuedSecret[] = [];
  const verified = new Set<string>();
  const gateways = objects.filter(o => o.kind === 'Gateway').map(o => readGateway(o, references, issuedSecrets));
  for (const o of objects.filter(x => x.kind === 'BackendTLSPolicy')) readPolicy(o, verified, references);
  const routes = objects.filter(o => ROUTE_KINDS[o.kind] !== undefined).flatMap(o => routesOf(o, gateways, verified));
  return { routes, references, issuedSecrets };
}

/** Gateway API objects as the Gateway API specifies them. */
export const GATEWAY_API_READER: ModelReader = {
  name: 'gateway-api',
  kinds: ['Gateway', 'BackendTLSPolicy', ...Object.keys(ROUTE_KINDS)].map(kind => `${GROUP}/${kind}`),
  read: readGatewayApi,
};
