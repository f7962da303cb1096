/**
 * The Gateway API mapping, row by row (docs/gateway-api.md): each exposure's objects, checked
 * field by field and validated strictly against the Gateway API v1.6.1 CRDs and Kubernetes 1.36.
 */
import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import {
  BackendProtocol, ClusterIpService, HttpIngress, Routing, RoutingTarget, TlsCertificate, TlsIngress, TlsMode, UnverifiedBackendTls, Warnings,
} from '../../constructs';
import { expectValidGatewayApiObjects, gatewayApp, ofKind, synthAll } from '../helpers/gateway-api';

const GATEWAY_PARENT = { name: 'cdk8s-expose' };

test('HTTP -> HTTP: a listener HTTP/80 for the host and an HTTPRoute', () => {
  const { app, chart } = gatewayApp();
  const ing = new HttpIngress(chart, 'Svc1Ingress', { host: 'svc1.example.com', backend: { serviceName: 'svc1', port: 8888 } });
  const objects = synthAll(app);
  expectValidGatewayApiObjects(objects);
  const [gateway] = ofKind(objects, 'Gateway');
  expect(gateway.metadata).toEqual({ name: 'cdk8s-expose', namespace: 'default' });
  expect(gateway.spec).toEqual({
    gatewayClassName: 'eg',
    listeners: [{ name: 'http-svc1.example.com', hostname: 'svc1.example.com', port: 80, protocol: 'HTTP' }],
  });
  const [route] = ofKind(objects, 'HTTPRoute');
  expect(route.metadata.name).toBe('svc1-ingress');
  expect(route.spec).toEqual({
    parentRefs: [{ ...GATEWAY_PARENT, sectionName: 'http-svc1.example.com' }],
    hostnames: ['svc1.example.com'],
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'svc1', port: 8888 }] }],
  });
  expect(ing.apiObject.kind).toBe('HTTPRoute');
  expect(ofKind(objects, 'Ingress')).toEqual([]);
});

test('HTTP: pathType Exact becomes an Exact match', () => {
  const { app, chart } = gatewayApp();
  new HttpIngress(chart, 'Api', { host: 'api.example.com', path: '/v1/status', pathType: 'Exact' as any, backend: { serviceName: 'api', port: 80 } });
  const objects = synthAll(app);
  expectValidGatewayApiObjects(objects);
  expect(ofKind(objects, 'HTTPRoute')[0].spec.rules[0].matches).toEqual([{ path: { type: 'Exact', value: '/v1/status' } }]);
});

test('TLS termination: listener HTTPS/443 Terminate with certificateRefs, an HTTPRoute, and the explicit HTTP->HTTPS redirect on port 80', () => {
  const { app, chart } = gatewayApp();
  new TlsIngress(chart, 'Svc3Ingress', {
    host: 'svc3.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'secret-tls-svc3', backend: { serviceName: 'svc3', port: 8888 },
  });
  const objects = synthAll(app);
  expectValidGatewayApiObjects(objects);
  const [gateway] = ofKind(objects, 'Gateway');
  expect(gateway.spec.listeners).toEqual([
    {
      name: 'https-svc3.example.com', hostname: 'svc3.example.com', port: 443, protocol: 'HTTPS',
      tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'secret-tls-svc3' }] },
    },
    { name: 'http-svc3.example.com', hostname: 'svc3.example.com', port: 80, protocol: 'HTTP' },
  ]);
  const [route, redirect] = ofKind(objects, 'HTTPRoute');
  expect(route.spec.parentRefs).toEqual([{ ...GATEWAY_PARENT, sectionName: 'https-svc3.example.com' }]);
  expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'svc3', port: 8888 }]);
  expect(redirect.metadata.name).toBe('svc3-ingress-https-redirect');
  expect(redirect.spec).toEqual({
    parentRefs: [{ ...GATEWAY_PARENT, sectionName: 'http-svc3.example.com' }],
    hostnames: ['svc3.example.com'],
    rules: [{
      matches: [{ path: { type: 'PathPrefix', value: '/' } }],
      filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }],
    }],
  });
  expect(ofKind(objects, 'ReferenceGrant')).toEqual([]);
});

test('TLS termination: httpsRedirect false leaves port 80 out; the status code is a prop', () => {
  const none = gatewayApp({ httpsRedirect: false });
  new TlsIngress(none.chart, 'T', { host: 'a.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'a', backend: { serviceName: 'a', port: 80 } });
  const objects = synthAll(none.app);
  expect(ofKind(objects, 'HTTPRoute').length).toBe(1);
  expect(ofKind(objects, 'Gateway')[0].spec.listeners.map((l: any) => l.port)).toEqual([443]);

  const permanent = gatewayApp({ httpsRedirectStatusCode: 308 });
  new TlsIngress(permanent.chart, 'T', { host: 'a.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'a', backend: { serviceName: 'a', port: 80 } });
  const redirect = ofKind(synthAll(permanent.app), 'HTTPRoute')[1];
  expect(redirect.spec.rules[0].filters[0].requestRedirect).toEqual({ scheme: 'https', statusCode: 308 });
});

test('re-encrypt with verification: HTTPRoute + BackendTLSPolicy v1 on the Service port (sectionName = port name, CA ConfigMap, hostname)', () => {
  const { app, chart } = gatewayApp();
  new ClusterIpService(chart, 'Svc4', { name: 'svc4-cluster-ip', selector: { app: 'svc4' }, port: 8888, portName: 'https' });
  new k8s.KubeConfigMap(chart, 'Trust', { metadata: { name: 'lab-ca-trust' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----' } });
  new TlsIngress(chart, 'Svc4Ingress', {
    host: 'svc4.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 'secret-tls-svc4',
    backendCaSecretName: 'lab-ca-trust', backendServerName: 'svc4-cluster-ip.default.svc',
    backend: { serviceName: 'svc4-cluster-ip', port: 8888 },
  });
  const objects = synthAll(app);
  expectValidGatewayApiObjects(objects);
  const [policy] = ofKind(objects, 'BackendTLSPolicy');
  expect(policy.apiVersion).toBe('gateway.networking.k8s.io/v1');
  expect(policy.metadata).toEqual({ name: 'svc4-cluster-ip-backend-tls', namespace: 'default' });
  expect(policy.spec).toEqual({
    targetRefs: [{ group: '', kind: 'Service', name: 'svc4-cluster-ip', sectionName: 'https' }],
    validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'lab-ca-trust' }], hostname: 'svc4-cluster-ip.default.svc' },
  });
  expect(ofKind(objects, 'HTTPRoute')[0].spec.rules[0].backendRefs).toEqual([{ name: 'svc4-cluster-ip', port: 8888 }]);
});

test('re-encrypt: a backend given by port name gets its number from the Service; an unnamed port leaves sectionName out', () => {
  const { app, chart } = gatewayApp();
  new TlsIngress(chart, 'ByName', {
    host: 'a.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 'a', backendCaSecretName: 'ca', backendServerName: 'a.default.svc',
    backend: { serviceName: 'a', portName: 'https' },
  });
  new ClusterIpService(chart, 'A', { name: 'a', selector: { app: 'a' }, port: 8443, portName: 'https' });
  new ClusterIpService(chart, 'B', { name: 'b', selector: { app: 'b' }, port: 8443 });
  new TlsIngress(chart, 'Unnamed', {
    host: 'b.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 'b', backendCaSecretName: 'ca', backendServerName: 'b.default.svc',
    backend: { serviceName: 'b', port: 8443 },
  });
  const objects = synthAll(app);
  expectValidGatewayApiObjects(objects);
  const routes = ofKind(objects, 'HTTPRoute').filter(r => !r.metadata.name.endsWith('redirect'));
  expect(routes.map(r => r.spec.rules[0].backendRefs[0])).toEqual([{ name: 'a', port: 8443 }, { name: 'b', port: 8443 }]);
  expect(ofKind(objects, 'BackendTLSPolicy').map(p => p.spec.targetRefs)).toEqual([
    [{ group: '', kind: 'Service', name: 'a', sectionName: 'https' }],
    [{ group: '', kind: 'Service', name: 'b' }],
  ]);
});

test('HTTPS backend without verification, escape hatch opted into: an Envoy Gateway Backend with insecureSkipVerify, warned', () => {
  const { app, chart } = gatewayApp({ unverifiedBackendTls: UnverifiedBackendTls.ENVOY_GATEWAY_INSECURE_BACKEND });
  new HttpIngress(chart, 'Svc2Ingress', { host: 'svc2.example.com', backendProtocol: BackendProtocol.HTTPS, backend: { serviceName: 'svc2', port: 8888 } });
  const objects = synthAll(app);
  expectValidGatewayApiObjects(objects);
  const backend = objects.find(o => o.kind === 'Backend');
  expect(backend).toEqual({
    apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'Backend', metadata: { name: 'svc2-ingress-insecure-backend', namespace: 'default' },
    spec: { endpoints: [{ fqdn: { hostname: 'svc2.default.svc.cluster.local', port: 8888 } }], tls: { insecureSkipVerify: true } },
  });
  expect(ofKind(objects, 'HTTPRoute')[0].spec.rules[0].backendRefs).toEqual([{ group: 'gateway.envoyproxy.io', kind: 'Backend', name: 'svc2-ingress-insecure-backend' }]);
  expect(Warnings.collect(app).map(w => w.message).join('\n')).toMatch(/WITHOUT verifying/);
});

test('passthrough: listener TLS/443 with tls.mode Passthrough (explicit) and a TLSRoute v1 with one rule', () => {
  const { app, chart } = gatewayApp();
  new TlsIngress(chart, 'Svc5Ingress', { host: 'svc5.example.com', mode: TlsMode.PASSTHROUGH, backend: { serviceName: 'svc5', port: 8443 } });
  const objects = synthAll(app);
  expectValidGatewayApiObjects(objects);
  expect(ofKind(objects, 'Gateway')[0].spec.listeners).toEqual([
    { name: 'tls-svc5.example.com', hostname: 'svc5.example.com', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
  ]);
  const [route] = ofKind(objects, 'TLSRoute');
  expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
  expect(route.spec).toEqual({
    parentRefs: [{ ...GATEWAY_PARENT, sectionName: 'tls-svc5.example.com' }],
    hostnames: ['svc5.example.com'],
    rules: [{ backendRefs: [{ name: 'svc5', port: 8443 }] }],
  });
  expect(ofKind(objects, 'HTTPRoute')).toEqual([]);
});

test('passthrough and termination of different hosts on port 443: separate listeners', () => {
  const { app, chart } = gatewayApp();
  new TlsIngress(chart, 'T', { host: 'svc3.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 's3', backend: { serviceName: 'svc3', port: 80 } });
  new TlsIngress(chart, 'P', { host: 'svc5.example.com', mode: TlsMode.PASSTHROUGH, backend: { serviceName: 'svc5', port: 8443 } });
  const objects = synthAll(app);
  expectValidGatewayApiObjects(objects);
  expect(ofKind(objects, 'Gateway')[0].spec.listeners.map((l: any) => `${l.name} ${l.port}/${l.protocol}`)).toEqual([
    'https-svc3.example.com 443/HTTPS', 'http-svc3.example.com 80/HTTP', 'tls-svc5.example.com 443/TLS',
  ]);
});

test('cert-manager Certificate: stays next to the route, the listener serves its Secret', () => {
  const { app, chart } = gatewayApp();
  new TlsIngress(chart, 'Web', {
    host: 'web.example.com', mode: TlsMode.TERMINATION, certificate: TlsCertificate.certManager({ issuerName: 'lab-ca' }),
    backend: { serviceName: 'web', port: 80 },
  });
  const objects = synthAll(app);
  expectValidGatewayApiObjects(objects);
  const cert = ofKind(objects, 'Certificate')[0];
  expect(cert.spec.secretName).toBe('web-tls');
  expect(ofKind(objects, 'Gateway')[0].spec.listeners[0].tls.certificateRefs).toEqual([{ group: '', kind: 'Secret', name: 'web-tls' }]);
});

test('cert-manager ingress-shim: the annotations go on the Gateway (gateway-shim), not on the route', () => {
  const { app, chart } = gatewayApp();
  new TlsIngress(chart, 'Web', {
    host: 'web.example.com', mode: TlsMode.TERMINATION,
    certificate: TlsCertificate.certManager({ clusterIssuerName: 'letsencrypt', mode: 'INGRESS_SHIM' as any }),
    backend: { serviceName: 'web', port: 80 },
  });
  const objects = synthAll(app);
  expectValidGatewayApiObjects(objects);
  expect(ofKind(objects, 'Gateway')[0].metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
  expect(ofKind(objects, 'HTTPRoute')[0].metadata.annotations).toBeUndefined();
  expect(ofKind(objects, 'Certificate')).toEqual([]);
});

test('routes in another namespace than the Gateway: parentRef namespace, allowedRoutes selector, ReferenceGrant for the Secret', () => {
  const { app, chart } = gatewayApp({ gatewayNamespace: 'gateway-infra' }, 'apps');
  new TlsIngress(chart, 'T', { host: 'svc3.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 's3', backend: { serviceName: 'svc3', port: 80 } });
  const objects = synthAll(app);
  expectValidGatewayApiObjects(objects);
  const [gateway] = ofKind(objects, 'Gateway');
  expect(gateway.metadata.namespace).toBe('gateway-infra');
  const https = gateway.spec.listeners[0];
  expect(https.tls.certificateRefs).toEqual([{ group: '', kind: 'Secret', name: 's3', namespace: 'apps' }]);
  expect(https.allowedRoutes).toEqual({
    namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['apps'] }] } },
  });
  expect(ofKind(objects, 'HTTPRoute')[0].spec.parentRefs).toEqual([{ name: 'cdk8s-expose', namespace: 'gateway-infra', sectionName: 'https-svc3.example.com' }]);
  expect(ofKind(objects, 'ReferenceGrant')).toEqual([{
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ReferenceGrant',
    metadata: { name: 'cdk8s-expose-gateway-infra-secrets', namespace: 'apps' },
    spec: {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'gateway-infra' }],
      to: [{ group: '', kind: 'Secret', name: 's3' }],
    },
  }]);
});

test('the same host over HTTP and with a redirect shares one HTTP listener; one BackendTLSPolicy per Service', () => {
  const { app, chart } = gatewayApp();
  const verify = { backendCaSecretName: 'ca', backendServerName: 'web.default.svc' };
  new TlsIngress(chart, 'A', { host: 'a.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 'a', ...verify, backend: { serviceName: 'web', port: 8443 } });
  new TlsIngress(chart, 'B', { host: 'b.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 'b', ...verify, backend: { serviceName: 'web', port: 8443 } });
  new HttpIngress(chart, 'Api', { host: 'a.example.com', path: '/api', backend: { serviceName: 'api', port: 80 } });
  const objects = synthAll(app);
  expectValidGatewayApiObjects(objects);
  expect(ofKind(objects, 'Gateway')[0].spec.listeners.map((l: any) => l.name)).toEqual([
    'https-a.example.com', 'http-a.example.com', 'https-b.example.com', 'http-b.example.com',
  ]);
  expect(ofKind(objects, 'BackendTLSPolicy').length).toBe(1);
});

test('a chart-level target: the Gateway goes in that chart, the app\'s other charts stay ingress-nginx', () => {
  const plain = Testing.app();
  const nginx = new Chart(plain, 'nginx');
  const gw = new Chart(plain, 'gw', { namespace: 'web' });
  Routing.of(gw).use(RoutingTarget.gatewayApi({ gatewayClassName: 'eg', kubernetesVersion: 'v1.36.0' }));
  new HttpIngress(nginx, 'A', { host: 'a.example.com', backend: { serviceName: 'a', port: 80 } });
  new HttpIngress(gw, 'B', { host: 'b.example.com', backend: { serviceName: 'b', port: 80 } });
  expect(nginx.toJson().map((o: any) => o.kind)).toEqual(['Ingress']);
  expect(gw.toJson().map((o: any) => o.kind).sort()).toEqual(['Gateway', 'HTTPRoute']);
  expect(gw.toJson().find((o: any) => o.kind === 'Gateway').metadata.namespace).toBe('web');
  expectValidGatewayApiObjects(gw.toJson());
});

test('the CRD validation used here is not vacuous: a wrong listener and an unknown field are reported', () => {
  const { app, chart } = gatewayApp();
  new HttpIngress(chart, 'A', { host: 'a.example.com', backend: { serviceName: 'a', port: 80 } });
  const objects = synthAll(app);
  const gateway = ofKind(objects, 'Gateway')[0];
  const broken = { ...gateway, spec: { ...gateway.spec, listeners: [{ ...gateway.spec.listeners[0], protocol: 'HTTP/2', bogus: 1 }] } };
  expect(() => expectValidGatewayApiObjects([broken])).toThrow(/protocol[\s\S]*bogus|bogus[\s\S]*protocol/);
});
