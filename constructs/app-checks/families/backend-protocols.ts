/**
 * `backend-protocol`: one Service port is spoken to in plain text by one exposure and in TLS by
 * another (an `HttpIngress` and a re-encrypting `TlsIngress` to the same port, an HTTPRoute with
 * and one without a BackendTLSPolicy...). A server port answers one of the two: the exposure
 * whose protocol it does not speak cannot work (a TLS ClientHello to an HTTP server gets a 400,
 * plain HTTP to a TLS server a handshake error). Read from the app model's routes, so every
 * target whose reader the app has takes part (ingress-nginx Ingresses, Gateway API routes).
 *
 * What a route speaks to its backends:
 * - TLS: ingress-nginx `backend-protocol: HTTPS|GRPCS`, `ssl-passthrough` (the client's TLS,
 *   forwarded), a Gateway API HTTPRoute/GRPCRoute to a Service a BackendTLSPolicy targets, a
 *   TLSRoute on Passthrough listeners;
 * - plain: ingress-nginx `HTTP` (the default), `AUTO_HTTP`, `GRPC`; an HTTPRoute/GRPCRoute without
 *   a BackendTLSPolicy;
 * - anything else (FCGI, TCPRoute, UDPRoute, a TLSRoute whose listeners are not known): not judged.
 *
 * With Gateway API a BackendTLSPolicy applies to the Service (every route to it re-encrypts), so an
 * HttpIngress and a re-encrypting TlsIngress to one port both speak TLS there; the conflict left is
 * a passthrough TLSRoute beside a plain HTTPRoute.
 */
import { invalid } from '../../core/problem';
import { AppModel, Route, RouteBackend } from '../app-model';
import { Finding, warning } from '../findings';
import { serviceNamed } from '../model-builder';

/** What an exposure speaks to a Service port. */
export enum WireProtocol {
  PLAIN = 'plain text',
  TLS = 'TLS',
}

const TLS_PROTOCOLS = ['HTTPS', 'GRPCS'];
const PLAIN_PROTOCOLS = ['HTTP', 'AUTO_HTTP', 'GRPC'];

/** What `route` speaks to `backend`, when it can be told. */
export function wireProtocolOf(route: Route, backend: RouteBackend): WireProtocol | undefined {
  if (route.tls?.mode === 'PASSTHROUGH') return WireProtocol.TLS;
  const protocol = route.backendProtocol.toUpperCase();
  if (route.object.kind === 'Ingress') {
    if (TLS_PROTOCOLS.includes(protocol)) return WireProtocol.TLS;
    return PLAIN_PROTOCOLS.includes(protocol) ? WireProtocol.PLAIN : undefined;
  }
  if (protocol === 'HTTP' || protocol === 'GRPC') return backend.verified ? WireProtocol.TLS : WireProtocol.PLAIN;
  if (protocol === 'TLS') {
    const listeners = route.parents.flatMap(p => p.listeners);
    if (listeners.length > 0 && listeners.every(l => l.tlsMode === 'Passthrough')) return WireProtocol.TLS;
  }
  return undefined;
}

/** One exposure's use of a Service port. */
interface PortUse {
  readonly route: Route;
  readonly backend: RouteBackend;
  readonly protocol: WireProtocol;
}

/** The Service port a backend names: the Service's path and port number when the app defines it, else as written. */
function portKey(model: AppModel, backend: RouteBackend): { key: string; label: string } {
  const svc = serviceNamed(model, backend.namespace, backend.serviceName);
  const port = svc?.ports.find(p => (backend.port !== undefined ? p.port === backend.port : p.name === backend.portName));
  const name = JSON.stringify(backend.serviceName);
  if (svc && port) return { key: `${svc.object.path}#${port.index}`, label: `Service ${name} port ${port.port} (${svc.object.path})` };
  const written = backend.port ?? JSON.stringify(backend.portName);
  return { key: `${backend.namespace}/${backend.serviceName}#${written}`, label: `Service ${name} port ${written} (namespace ${backend.namespace})` };
}

const describe = (u: PortUse) => `${u.route.object.path} (${u.route.object.kind} ${JSON.stringify(u.route.object.name)}, ${u.backend.field})`;

/** A warning for each Service port that one exposure speaks to in plain text and another in TLS, on the first plain one. */
export function checkBackendProtocols(model: AppModel): Finding[] {
  const uses = new Map<string, { label: string; uses: PortUse[] }>();
  for (const route of model.routes) {
    for (const backend of route.backends) {
      const protocol = wireProtocolOf(route, backend);
      if (protocol === undefined) continue;
      const { key, label } = portKey(model, backend);
      let entry = uses.get(key);
      if (!entry) uses.set(key, entry = { label, uses: [] });
      entry.uses.push({ route, backend, protocol });
    }
  }
  const findings: Finding[] = [];
  for (const { label, uses: list } of uses.values()) {
    const plain = list.filter(u => u.protocol === WireProtocol.PLAIN);
    const tls = list.filter(u => u.protocol === WireProtocol.TLS);
    if (plain.length === 0 || tls.length === 0) continue;
    const first = plain[0];
    findings.push(warning(first.route.object.path, 'backend-protocol', invalid(`${first.backend.field}.name`, first.backend.serviceName,
      `${label} is spoken to in plain text by ${plain.map(describe).join(', ')} and in TLS by ${tls.map(describe).join(', ')}; ` +
      'a server port speaks one of the two, so one side cannot work; allowed: one protocol per Service port (a second port, ' +
      'e.g. 80 for HTTP and 443 for HTTPS, or the same backendProtocol / TLS mode for both exposures)')));
  }
  return findings;
}
