/**
 * `backend-protocol` (constructs/app-checks/families/backend-protocols.ts): one Service port
 * spoken to in plain text by one exposure and in TLS by another is a warning naming both, for
 * every target (read from the app model's routes, not from Ingress JSON).
 */
import { App, Chart, Testing } from 'cdk8s';
import {
  BackendCa, BackendProtocol, ClusterIpService, CrossObjectChecks, Finding, FindingSeverity, HttpIngress, Routing, RoutingTarget, TlsIngress, TlsMode,
} from '../../constructs';
import { AppModel, Route, RouteBackend } from '../../constructs/app-checks/app-model';
import { checkBackendProtocols, wireProtocolOf, WireProtocol } from '../../constructs/app-checks/families/backend-protocols';

const protocolFindings = (app: App): Finding[] => CrossObjectChecks.of(app).run().filter(f => f.rule === 'backend-protocol');

/** An app (ingress-nginx, or Gateway API) with one HTTPS Service `web-https` (port 8443) in namespace web. */
function site(gatewayApi = false): { app: App; chart: Chart } {
  const app = Testing.app();
  if (gatewayApi) Routing.of(app).use(RoutingTarget.gatewayApi({ gatewayClassName: 'eg', kubernetesVersion: '1.36' }));
  const chart = new Chart(app, 'site', { namespace: 'web' });
  new ClusterIpService(chart, 'WebHttps', { name: 'web-https', selector: { app: 'web' }, port: 8443, portName: 'https' });
  return { app, chart };
}

const reencrypt = (chart: Chart, port = 8443) => new TlsIngress(chart, 'Reencrypted', {
  host: 'b.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 'b-tls', backend: { serviceName: 'web-https', port },
  backendCa: BackendCa.fromSecretName('backend-ca'), backendServerName: 'web-https.web.svc',
});
const plainHttp = (chart: Chart, port = 8443) => new HttpIngress(chart, 'Plain', { host: 'a.example.com', backend: { serviceName: 'web-https', port } });

describe('ingress-nginx', () => {
  test('warns when an HttpIngress and a re-encrypting TlsIngress go to the same Service port, naming both', () => {
    const { app, chart } = site();
    plainHttp(chart);
    reencrypt(chart);
    const findings = protocolFindings(app);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toEqual(expect.objectContaining({ severity: FindingSeverity.WARNING, path: 'site/Plain', rule: 'backend-protocol' }));
    expect(findings[0].message).toBe('spec.rules[0].http.paths[0].backend.service.name: Service "web-https" port 8443 (site/WebHttps) is spoken to in ' +
      'plain text by site/Plain (Ingress "plain", spec.rules[0].http.paths[0].backend.service) and in TLS by site/Reencrypted (Ingress ' +
      '"reencrypted", spec.rules[0].http.paths[0].backend.service); a server port speaks one of the two, so one side cannot work; allowed: ' +
      'one protocol per Service port (a second port, e.g. 80 for HTTP and 443 for HTTPS, or the same backendProtocol / TLS mode for both exposures)');
    // a warning: the synth goes on
    expect(() => app.synth()).not.toThrow();
  });

  test('passes when each protocol has its own port, or both speak the same one', () => {
    const { app, chart } = site();
    new ClusterIpService(chart, 'WebHttp', { name: 'web-http', selector: { app: 'web' }, port: 80 });
    new HttpIngress(chart, 'Plain', { host: 'a.example.com', backend: { serviceName: 'web-http', port: 80 } });
    reencrypt(chart);
    new HttpIngress(chart, 'HttpsToo', { host: 'c.example.com', backendProtocol: BackendProtocol.HTTPS, backend: { serviceName: 'web-https', port: 8443 } });
    expect(protocolFindings(app)).toEqual([]);
  });

  test('warns for passthrough (the client\'s TLS) and plain HTTP to one port, and for a Service the app does not define', () => {
    const { app, chart } = site();
    new TlsIngress(chart, 'Passthrough', { host: 'p.example.com', mode: TlsMode.PASSTHROUGH, backend: { serviceName: 'elsewhere', port: 443 } });
    new HttpIngress(chart, 'Plain', { host: 'a.example.com', backend: { serviceName: 'elsewhere', port: 443 } });
    const [finding] = protocolFindings(app);
    expect(finding.path).toBe('site/Plain');
    expect(finding.message).toMatch(/^spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.name: Service "elsewhere" port 443 \(namespace web\) is spoken to in plain text by site\/Plain .* and in TLS by site\/Passthrough/);
  });
});

describe('Gateway API', () => {
  test('warns for a TLSRoute (passthrough) and a plain HTTPRoute to the same Service port, naming both', () => {
    const { app, chart } = site(true);
    plainHttp(chart);
    new TlsIngress(chart, 'Passthrough', { host: 'p.example.com', mode: TlsMode.PASSTHROUGH, backend: { serviceName: 'web-https', port: 8443 } });
    const findings = protocolFindings(app);
    expect(findings.map(f => [f.severity, f.path])).toEqual([[FindingSeverity.WARNING, 'site/Plain']]);
    expect(findings[0].message).toMatch(/^spec\.rules\[0\]\.backendRefs\[0\]\.name: Service "web-https" port 8443 \(site\/WebHttps\) is spoken to in plain text by site\/Plain \(HTTPRoute "plain"/);
    expect(findings[0].message).toContain('and in TLS by site/Passthrough (TLSRoute "passthrough", spec.rules[0].backendRefs[0])');
  });

  test('an HttpIngress and a re-encrypting TlsIngress to one port: the BackendTLSPolicy applies to the Service, both re-encrypt, no warning', () => {
    const { app, chart } = site(true);
    plainHttp(chart);
    reencrypt(chart);
    expect(protocolFindings(app)).toEqual([]);
    const policies = Testing.synth(chart).filter(o => o.kind === 'BackendTLSPolicy');
    expect(policies.map(p => p.spec.targetRefs.map((t: any) => t.name))).toEqual([['web-https']]);
  });

  test('passes with a port per protocol', () => {
    const { app, chart } = site(true);
    new ClusterIpService(chart, 'WebHttp', { name: 'web-http', selector: { app: 'web' }, port: 80 });
    new HttpIngress(chart, 'Plain', { host: 'a.example.com', backend: { serviceName: 'web-http', port: 80 } });
    reencrypt(chart);
    new TlsIngress(chart, 'Passthrough', { host: 'p.example.com', mode: TlsMode.PASSTHROUGH, backend: { serviceName: 'web-https', port: 8443 } });
    expect(protocolFindings(app)).toEqual([]);
  });
});

describe('wireProtocolOf', () => {
  const backend = { serviceName: 's', namespace: 'default', port: 80, field: 'f', portField: 'f.port', portNameField: 'f.port.name', verified: false } as RouteBackend;
  const route = (kind: string, backendProtocol: string, extra: Partial<Route> = {}) => ({
    object: { kind, path: 'c/R', name: 'r' }, field: 'spec.rules[0]', hosts: [], matches: [], backends: [backend], parents: [],
    backendProtocol, backendVerified: false, ...extra,
  }) as unknown as Route;

  test('ingress-nginx protocols: HTTPS and GRPCS are TLS, HTTP, AUTO_HTTP and GRPC plain, FCGI not judged', () => {
    expect(['HTTPS', 'GRPCS', 'HTTP', 'AUTO_HTTP', 'GRPC', 'FCGI'].map(p => wireProtocolOf(route('Ingress', p), backend))).toEqual([
      WireProtocol.TLS, WireProtocol.TLS, WireProtocol.PLAIN, WireProtocol.PLAIN, WireProtocol.PLAIN, undefined,
    ]);
    expect(wireProtocolOf(route('Ingress', 'HTTP', { tls: { mode: 'PASSTHROUGH' } }), backend)).toBe(WireProtocol.TLS);
  });

  test('Gateway API: verified HTTPRoute backends are TLS; TCPRoute, UDPRoute and a TLSRoute without known listeners are not judged', () => {
    expect(wireProtocolOf(route('HTTPRoute', 'HTTP'), { ...backend, verified: true })).toBe(WireProtocol.TLS);
    expect(wireProtocolOf(route('HTTPRoute', 'HTTP'), backend)).toBe(WireProtocol.PLAIN);
    expect(wireProtocolOf(route('TCPRoute', 'TCP'), backend)).toBeUndefined();
    expect(wireProtocolOf(route('UDPRoute', 'UDP'), backend)).toBeUndefined();
    expect(wireProtocolOf(route('TLSRoute', 'TLS'), backend)).toBeUndefined();
    const passthrough = { name: 'gw', namespace: 'default', listeners: [{ name: 'tls', port: 443, protocol: 'TLS', tlsMode: 'Passthrough', field: 'x' }] };
    expect(wireProtocolOf(route('TLSRoute', 'TLS', { parents: [passthrough] }), backend)).toBe(WireProtocol.TLS);
  });

  test('a model with one protocol per port has no finding', () => {
    const model = { routes: [route('Ingress', 'HTTP'), route('Ingress', 'HTTP')], services: [], objects: [] } as unknown as AppModel;
    expect(checkBackendProtocols(model)).toEqual([]);
  });
});
