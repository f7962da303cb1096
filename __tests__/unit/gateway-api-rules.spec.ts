/**
 * The Gateway API rules (constructs/targets/gateway-api/rules.ts): each CEL-equivalent and
 * spec rule has a `fails ...` test, through the package entry where an exposure can reach it,
 * and on the rule itself where the renderer makes the input impossible (said per test). Each
 * message names the CEL rule (its message) or the part of the spec it comes from.
 */
import { ApiObject, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import {
  BackendProtocol, CertManagerMode, GatewayApiTarget, HttpIngress, PathType, Routing, RoutingTarget, TlsCertificate, TlsIngress, TlsMode,
} from '../../constructs';
import {
  backendTlsValidationProblems, hostnamesIntersect, listenerCertificateRefsProblems, routeHostnamesIntersectProblems,
  tlsRouteHostnamesProblems, tlsRouteRulesProblems,
} from '../../constructs/targets/gateway-api/rules';
import { FieldPath } from '../../constructs/core/field-path';
import { Problem, problemText } from '../../constructs/core/problem';
import { GatewaySpecListenersTlsMode } from '../../imports/gateway.networking.k8s.io';
import { expectFails } from '../helpers/expect-fails';
import { GATEWAY_OPTIONS, gatewayApp, synthAll } from '../helpers/gateway-api';

const WEB = { serviceName: 'web', port: 80 };
/** What a pure rule returned, as messages show it ('' when it returned nothing). */
const text = (problems: Problem[]) => problems.map(problemText).join('\n');
const term = (host: string, secret: string, path = '/') =>
  ({ host, path, mode: TlsMode.TERMINATION, tlsSecretName: secret, backend: WEB });

describe('Kubernetes version and options', () => {
  test('fails below Kubernetes 1.31, saying why (TLSRoute CEL uses isIP)', () => {
    expectFails(() => RoutingTarget.gatewayApi({ ...GATEWAY_OPTIONS, kubernetesVersion: '1.30' }),
      'options.kubernetesVersion', '"1.30"', 'needs Kubernetes >= 1.31', 'isIP()', 'Hostnames cannot contain an IP');
    expectFails(() => RoutingTarget.gatewayApi({ ...GATEWAY_OPTIONS, kubernetesVersion: '1.27.0' }), '>= 1.31');
  });

  test('fails for a version that is not one', () => {
    expectFails(() => RoutingTarget.gatewayApi({ ...GATEWAY_OPTIONS, kubernetesVersion: 'latest' }), 'is not a Kubernetes version');
  });

  test('1.31, 1.36 and v1.36.0 are accepted', () => {
    for (const v of ['1.31', '1.36', 'v1.36.0']) expect(RoutingTarget.gatewayApi({ ...GATEWAY_OPTIONS, kubernetesVersion: v })).toBeInstanceOf(GatewayApiTarget);
  });

  test('fails for a redirect status code HTTPRoute does not have', () => {
    expectFails(() => RoutingTarget.gatewayApi({ ...GATEWAY_OPTIONS, httpsRedirectStatusCode: 304 }), 'options.httpsRedirectStatusCode', '301, 302, 303, 307, 308');
  });

  test('fails for a GatewayClass name that is not a DNS-1123 subdomain', () => {
    expectFails(() => RoutingTarget.gatewayApi({ ...GATEWAY_OPTIONS, gatewayClassName: 'Envoy_Gateway' }), 'options.gatewayClassName');
  });

  test('fails when the target is chosen after constructs were added to the scope', () => {
    const chart = Testing.chart();
    new HttpIngress(chart, 'A', { host: 'a.example.com', backend: WEB });
    expectFails(() => Routing.of(chart).use(RoutingTarget.gatewayApi(GATEWAY_OPTIONS)), 'Routing.use', 'before adding constructs');
  });

  test('fails when what is passed to Routing.use is not a target (nothing would render otherwise)', () => {
    expectFails(() => Routing.of(Testing.app()).use({} as any), 'Routing.use.target', 'is not a routing target', 'render(scope, exposure)');
    expectFails(() => Routing.of(Testing.app()).use('gateway-api' as any), 'string is not a routing target');
  });
});

describe('listeners (Gateway CEL)', () => {
  test('fails for a listener name over 253 characters (the CRD\'s SectionName)', () => {
    const label = 'a'.repeat(59);
    const host = [label, label, label, label, 'example.com'].join('.');
    const { chart } = gatewayApp();
    expectFails(() => new TlsIngress(chart, 'Long', term(host, 's')), 'spec.listeners[0].name', 'not a valid listener name', 'SectionName');
  });

  test('fails when two hosts would give one listener name (CEL "Listener name must be unique within the Gateway")', () => {
    const { chart } = gatewayApp();
    new HttpIngress(chart, 'Literal', { host: 'wildcard.example.com', backend: WEB });
    expectFails(() => new HttpIngress(chart, 'Wild', { host: '*.example.com', backend: WEB }),
      'apps/Wild', 'spec.listeners[0].name', '"http-wildcard.example.com"', 'Listener name must be unique within the Gateway');
  });

  test('fails when one host, port and protocol would need two certificates (CEL "Combination of port, protocol and hostname must be unique for each listener")', () => {
    const { chart } = gatewayApp();
    new TlsIngress(chart, 'A', term('a.example.com', 'a-tls'));
    expectFails(() => new TlsIngress(chart, 'B', term('a.example.com', 'other-tls', '/b')),
      'spec.listeners[0].tls', 'Combination of port, protocol and hostname must be unique for each listener');
  });

  test('the same host, port, protocol and certificate share the listener', () => {
    const { app, chart } = gatewayApp();
    new TlsIngress(chart, 'A', term('a.example.com', 'a-tls'));
    new TlsIngress(chart, 'B', term('a.example.com', 'a-tls', '/b'));
    expect(synthAll(app).find(o => o.kind === 'Gateway').spec.listeners.length).toBe(2);
  });

  test('fails for Terminate without certificateRefs and Passthrough with them (rule; the renderer never builds either)', () => {
    const f = FieldPath.spec('listeners').index(0).child('tls').child('certificateRefs');
    expect(text(listenerCertificateRefsProblems(f, GatewaySpecListenersTlsMode.TERMINATE, 0)))
      .toMatch(/^spec\.listeners\[0\]\.tls\.certificateRefs: .*certificateRefs or options must be specified when mode is Terminate/);
    expect(text(listenerCertificateRefsProblems(f, GatewaySpecListenersTlsMode.PASSTHROUGH, 1))).toContain('ignored in this mode');
    expect(listenerCertificateRefsProblems(f, GatewaySpecListenersTlsMode.TERMINATE, 1)).toEqual([]);
    expect(listenerCertificateRefsProblems(f, GatewaySpecListenersTlsMode.PASSTHROUGH, 0)).toEqual([]);
  });

  test('fails when passthrough and termination share port 443 and a hostname', () => {
    const { chart } = gatewayApp();
    new TlsIngress(chart, 'T', term('a.example.com', 'a-tls'));
    expectFails(() => new TlsIngress(chart, 'P', { host: 'a.example.com', mode: TlsMode.PASSTHROUGH, backend: WEB }),
      'apps/P', 'spec.listeners[2].hostname', 'both passed through (protocol TLS) and terminated (protocol HTTPS');
  });

  test('fails when a terminated wildcard covers a passed-through host', () => {
    const { chart } = gatewayApp();
    new TlsIngress(chart, 'P', { host: 'a.example.com', mode: TlsMode.PASSTHROUGH, backend: WEB });
    expectFails(() => new TlsIngress(chart, 'T', term('*.example.com', 'wild-tls')), 'listener "tls-a.example.com"');
  });
});

describe('routes', () => {
  test('fails for route hostnames that do not intersect the listener\'s (rule; the renderer derives both from one host)', () => {
    expect(text(routeHostnamesIntersectProblems('spec.hostnames', ['b.example.com'], 'http-a', 'a.example.com')))
      .toMatch(/^spec\.hostnames: .*NoMatchingListenerHostname/);
    expect(routeHostnamesIntersectProblems('spec.hostnames', ['b.example.com'], 'http-wild', '*.example.com')).toEqual([]);
    expect([
      hostnamesIntersect('a.example.com', undefined), hostnamesIntersect('*.example.com', 'a.b.example.com'),
      hostnamesIntersect('a.example.com', '*.example.com'), hostnamesIntersect('example.com', '*.example.com'),
      hostnamesIntersect('*.a.example.com', '*.example.com'), hostnamesIntersect('a.example.org', '*.example.com'),
    ]).toEqual([true, true, true, false, true, false]);
  });

  test('fails for TLSRoute hostnames the CEL rules refuse (rule; hosts are checked as Ingress hosts first)', () => {
    const f = FieldPath.spec('hostnames');
    expect(text(tlsRouteHostnamesProblems(f, ['10.0.0.1']))).toMatch(/^spec\.hostnames\[0\]: .*Hostnames cannot contain an IP/);
    expect(text(tlsRouteHostnamesProblems(f, ['Upper.example.com']))).toContain('Hostnames must be valid based on RFC-1123');
    expect(text(tlsRouteHostnamesProblems(f, ['a.*.example.com']))).toContain('Wildcards on hostnames must be the first label');
    expect(tlsRouteHostnamesProblems(f, ['*.example.com', 'a.example.com'])).toEqual([]);
    // every bad hostname is reported, each with its index
    expect(tlsRouteHostnamesProblems(f, ['10.0.0.1', 'ok.example.com', 'B.example.com']).map(p => p.field)).toEqual(['spec.hostnames[0]', 'spec.hostnames[2]']);
  });

  test('fails for TLSRoute rules other than exactly one with a backend port (rule)', () => {
    const f = FieldPath.spec('rules');
    expect(text(tlsRouteRulesProblems(f, []))).toContain('exactly one');
    expect(text(tlsRouteRulesProblems(f, [{ backendRefs: [] }]))).toMatch(/^spec\.rules\[0\]\.backendRefs: .*1 to 16/);
    expect(text(tlsRouteRulesProblems(f, [{ backendRefs: [{ name: 'web' }] }])))
      .toMatch(/^spec\.rules\[0\]\.backendRefs\[0\]\.port: .*Must have port for Service reference/);
    expect(tlsRouteRulesProblems(f, [{ backendRefs: [{ name: 'web', port: 443 }] }])).toEqual([]);
  });

  test('fails at synth when a backend by port name has no Service naming that port (CEL "Must have port for Service reference")', () => {
    const { app, chart } = gatewayApp();
    new HttpIngress(chart, 'A', { host: 'a.example.com', backend: { serviceName: 'elsewhere', portName: 'http' } });
    expect(() => synthAll(app)).toThrow(/spec\.rules\[0\]\.backendRefs\[0\]\.port: Service "elsewhere" without a port number \(CEL: "Must have port for Service reference"\)/);
  });

  test('fails for pathType ImplementationSpecific (no HTTPRoute equivalent)', () => {
    const { chart } = gatewayApp();
    expectFails(() => new HttpIngress(chart, 'A', { host: 'a.example.com', pathType: PathType.IMPLEMENTATION_SPECIFIC, backend: WEB }),
      'spec.rules[0].matches[0].path.type', 'no HTTPRoute equivalent');
  });

  test('fails for ingress-nginx annotations, which do nothing on Gateway API objects', () => {
    const { chart } = gatewayApp();
    expectFails(() => new HttpIngress(chart, 'A', { host: 'a.example.com', backend: WEB, annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } }),
      'metadata.annotations["nginx.ingress.kubernetes.io/rewrite-target"]', 'no effect on Gateway API', 'docs/migration.md');
  });
});

describe('backend TLS', () => {
  test('fails for an HTTPS backend without verification: Gateway API has no standard way to skip it', () => {
    const { chart } = gatewayApp();
    expectFails(() => new HttpIngress(chart, 'Svc2', { host: 'svc2.example.com', backendProtocol: BackendProtocol.HTTPS, backend: WEB }),
      'props.backendProtocol', 'Gateway API has no standard way to skip verification', 'backendCaSecretName', 'unverifiedBackendTls');
  });

  test('fails for REENCRYPT without a CA, for the same reason', () => {
    const { chart } = gatewayApp();
    expectFails(() => new TlsIngress(chart, 'Svc4', { ...term('svc4.example.com', 's4'), mode: TlsMode.REENCRYPT }),
      'props.backendCaSecretName', 'no standard way to skip verification');
  });

  test('fails for a BackendTLSPolicy with neither or both CA sources (rule; the renderer always gives CA refs)', () => {
    expect(text(backendTlsValidationProblems('spec.validation', 0, undefined))).toContain('must specify either CACertificateRefs or WellKnownCACertificates');
    expect(text(backendTlsValidationProblems('spec.validation', 1, 'System'))).toContain('must not contain both CACertificateRefs and WellKnownCACertificates');
    expect(backendTlsValidationProblems('spec.validation', 0, 'System')).toEqual([]);
  });

  test('fails when two exposures verify one Service differently', () => {
    const { chart } = gatewayApp();
    const reencrypt = (host: string, serverName: string) => ({ ...term(host, `${host}-tls`), mode: TlsMode.REENCRYPT, backendCaSecretName: 'ca', backendServerName: serverName });
    new TlsIngress(chart, 'A', reencrypt('a.example.com', 'web.default.svc'));
    expectFails(() => new TlsIngress(chart, 'B', reencrypt('b.example.com', 'web')), 'spec.validation', 'already verified with');
  });

  test('fails at synth for a CA ConfigMap of the app without ca.crt', () => {
    const { app, chart } = gatewayApp();
    new k8s.KubeConfigMap(chart, 'Ca', { metadata: { name: 'ca' }, data: { 'tls.crt': 'x' } });
    new TlsIngress(chart, 'A', { ...term('a.example.com', 'a'), mode: TlsMode.REENCRYPT, backendCaSecretName: 'ca', backendServerName: 'web.default.svc' });
    expect(() => synthAll(app)).toThrow(/caCertificateRefs\[0\]: ConfigMap "ca" has no key ca\.crt/);
  });
});

describe('existing Gateway, cert-manager, Secrets', () => {
  test('fails for TERMINATION on an existing Gateway without its HTTPS listener name', () => {
    const { chart } = gatewayApp({ existingGateway: { name: 'shared', namespace: 'infra' } });
    expectFails(() => new TlsIngress(chart, 'A', term('a.example.com', 'a')), 'existing Gateway "shared"', 'existingGateway.httpsListenerName');
  });

  test('fails for the redirect on an existing Gateway without its HTTP listener name', () => {
    const { chart } = gatewayApp({ existingGateway: { name: 'shared', httpsListenerName: 'https' } });
    expectFails(() => new TlsIngress(chart, 'A', term('a.example.com', 'a')), 'HTTP->HTTPS redirect', 'existingGateway.httpListenerName');
  });

  test('an existing Gateway with listener names: routes attach to them, nothing else is created', () => {
    const { app, chart } = gatewayApp({ existingGateway: { name: 'shared', namespace: 'infra', httpListenerName: 'http', httpsListenerName: 'https' } });
    new TlsIngress(chart, 'A', term('a.example.com', 'a'));
    const objects = synthAll(app);
    expect(objects.filter(o => o.kind === 'Gateway')).toEqual([]);
    expect(objects.filter(o => o.kind === 'HTTPRoute').map(r => r.spec.parentRefs[0])).toEqual([
      { name: 'shared', namespace: 'infra', sectionName: 'https' }, { name: 'shared', namespace: 'infra', sectionName: 'http' },
    ]);
  });

  test('fails for cert-manager INGRESS_SHIM with an existing Gateway, across namespaces, or with two issuers on one Gateway', () => {
    const shim = (issuerName: string) => TlsCertificate.certManager({ issuerName, mode: CertManagerMode.INGRESS_SHIM });
    const existing = gatewayApp({ existingGateway: { name: 'shared', httpListenerName: 'http', httpsListenerName: 'https' } });
    expectFails(() => new TlsIngress(existing.chart, 'A', { host: 'a.example.com', mode: TlsMode.TERMINATION, certificate: shim('ca'), backend: WEB }),
      'props.certificate', 'go on the Gateway', 'managed outside this app');
    const cross = gatewayApp({ gatewayNamespace: 'infra' }, 'apps');
    expectFails(() => new TlsIngress(cross.chart, 'A', { host: 'a.example.com', mode: TlsMode.TERMINATION, certificate: shim('ca'), backend: WEB }),
      'into the Gateway\'s own namespace only');
    const two = gatewayApp();
    new TlsIngress(two.chart, 'A', { host: 'a.example.com', mode: TlsMode.TERMINATION, certificate: shim('ca'), backend: WEB });
    expectFails(() => new TlsIngress(two.chart, 'B', { host: 'b.example.com', mode: TlsMode.TERMINATION, certificate: shim('other'), backend: WEB }),
      'different cert-manager annotations');
  });

  test('fails at synth for a listener Secret that is neither defined nor declared', () => {
    const { app, chart } = gatewayApp();
    new HttpIngress(chart, 'A', { host: 'a.example.com', backend: WEB });
    new ApiObject(chart, 'Other', {
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'other' },
      spec: { gatewayClassName: 'eg', listeners: [{ name: 'h', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'missing' }] } }] },
    });
    expect(() => synthAll(app)).toThrow(/spec\.listeners\[0\]\.tls\.certificateRefs\[0\]: Secret "missing"/);
  });
});
