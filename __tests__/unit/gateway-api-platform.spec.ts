/** Gateway API on shared platforms: ListenerSet mode, the Gateway's addresses and infrastructure, no silent `default` namespace. */
import { App, Chart, Testing } from 'cdk8s';
import {
  CertManagerMode, ClusterIpService, CrossObjectChecks, GatewayAddressType, HttpIngress, Routing, RoutingTarget, TlsCertificate, TlsIngress, TlsMode,
  Warnings,
} from '../../constructs';
import { GATEWAY_OPTIONS, ofKind, synthAll } from '../helpers/gateway-api';
import { expectFails } from '../helpers/expect-fails';
import { expectStrictlyValid } from '../helpers/strict-schemas';

function exposures(chart: Chart): void {
  new ClusterIpService(chart, 'WebSvc', { selector: { app: 'web' }, port: 80 });
  new HttpIngress(chart, 'Web', { host: 'web.example.com', backend: { serviceName: 'web-svc', port: 80 } });
  new TlsIngress(chart, 'WebTlsIngress', { host: 'secure.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'web-tls',
    backend: { serviceName: 'web-svc', port: 80 } });
  CrossObjectChecks.declareExternalSecret(chart, 'web-tls', chart.namespace);
}

test('ListenerSet mode: the app\'s listeners in a ListenerSet attached to the platform Gateway; routes attach to the ListenerSet', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'team-a', { namespace: 'team-a', disableResourceNameHashes: true });
  Routing.of(chart).use(RoutingTarget.gatewayApi({ ...GATEWAY_OPTIONS, gatewayName: 'team-a', platformGateway: { name: 'shared', namespace: 'gateways' } }));
  exposures(chart);
  const objects = synthAll(app);
  expect(ofKind(objects, 'Gateway')).toEqual([]);
  const [set] = ofKind(objects, 'ListenerSet');
  expect(set.apiVersion).toBe('gateway.networking.k8s.io/v1');
  expect(set.metadata).toEqual({ name: 'team-a', namespace: 'team-a' });
  expect(set.spec.parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared', namespace: 'gateways' });
  expect(set.spec.listeners.map((l: any) => `${l.name} ${l.protocol}/${l.port}`)).toEqual([
    'http-web.example.com HTTP/80', 'https-secure.example.com HTTPS/443', 'http-secure.example.com HTTP/80',
  ]);
  const routes = ofKind(objects, 'HTTPRoute');
  for (const r of routes) expect(r.spec.parentRefs[0]).toMatchObject({ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'team-a' });
  expect(routes[0].spec.parentRefs[0].namespace).toBeUndefined();
  expectStrictlyValid(objects.filter(o => ['ListenerSet', 'HTTPRoute'].includes(o.kind)));
  expect(Warnings.collect(app).map(w => w.message).join('\n')).not.toContain('namespace "default"');
});

test('ListenerSet mode with cert-manager\'s annotations: they go on the ListenerSet, with a warning about cert-manager versions', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'team-a', { namespace: 'team-a', disableResourceNameHashes: true });
  Routing.of(chart).use(RoutingTarget.gatewayApi({ ...GATEWAY_OPTIONS, gatewayName: 'team-a', platformGateway: { name: 'shared', namespace: 'gateways' } }));
  new TlsIngress(chart, 'Web', {
    host: 'web.example.com', mode: TlsMode.TERMINATION,
    certificate: TlsCertificate.certManager({ clusterIssuerName: 'letsencrypt', mode: CertManagerMode.INGRESS_SHIM }),
    backend: { serviceName: 'web', port: 80 },
  });
  const objects = synthAll(app);
  expect(ofKind(objects, 'ListenerSet')[0].metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
  expect(Warnings.collect(app).map(w => w.message)).toContainEqual(expect.stringContaining('cert-manager reads its annotations on a ListenerSet from v1.20 on'));
});

test('the Gateway\'s addresses and infrastructure', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'apps', { namespace: 'apps', disableResourceNameHashes: true });
  Routing.of(chart).use(RoutingTarget.gatewayApi({
    ...GATEWAY_OPTIONS,
    addresses: [{ value: '192.0.2.10' }, { type: GatewayAddressType.HOSTNAME, value: 'gw.example.com' }],
    infrastructure: { labels: { team: 'a' }, annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } },
  }));
  exposures(chart);
  const objects = synthAll(app);
  const [gateway] = ofKind(objects, 'Gateway');
  expect(gateway.spec.addresses).toEqual([{ type: 'IPAddress', value: '192.0.2.10' }, { type: 'Hostname', value: 'gw.example.com' }]);
  expect(gateway.spec.infrastructure).toEqual({ labels: { team: 'a' }, annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } });
  expectStrictlyValid([gateway]);
});

describe('the Gateway\'s namespace', () => {
  test('warns when the Gateway falls back to namespace default', () => {
    const app: App = Testing.app();
    Routing.of(app).use(RoutingTarget.gatewayApi(GATEWAY_OPTIONS));
    exposures(new Chart(app, 'apps', { disableResourceNameHashes: true }));
    synthAll(app);
    expect(Warnings.collect(app).find(w => w.message.includes('goes in namespace "default"'))?.message)
      .toMatch(/the Gateway "cdk8s-expose" goes in namespace "default" .* set gatewayNamespace/);
  });
  test('no warning with gatewayNamespace (valid twin)', () => {
    const app: App = Testing.app();
    Routing.of(app).use(RoutingTarget.gatewayApi({ ...GATEWAY_OPTIONS, gatewayNamespace: 'gateways' }));
    exposures(new Chart(app, 'apps', { disableResourceNameHashes: true }));
    synthAll(app);
    expect(Warnings.collect(app).map(w => w.message).join('\n')).not.toContain('namespace "default"');
  });
});

describe('fails', () => {
  const gatewayApi = (options: object) => () => RoutingTarget.gatewayApi({ ...GATEWAY_OPTIONS, ...options });
  test('fails for a bad address, a bad hostname and an address listed twice', () => {
    const e = expectFails(gatewayApi({ addresses: [{ value: '10.0.0.300' }, { type: GatewayAddressType.HOSTNAME, value: 'Bad_Host' }, { value: '10.0.0.1' },
      { value: '10.0.0.1' }] }));
    expect(e.message).toContain('options.addresses[0].value: "10.0.0.300" is not a valid IP address');
    expect(e.message).toContain('options.addresses[1].value: "Bad_Host" is not a valid hostname');
    expect(e.message).toContain('options.addresses[3].value: "10.0.0.1" is listed twice');
  });
  test('fails for more than 8 infrastructure labels, a bad key and a bad label value', () => {
    const labels: Record<string, string> = {};
    for (let i = 0; i < 9; i++) labels[`l${i}`] = 'v';
    expectFails(gatewayApi({ infrastructure: { labels } }), 'options.infrastructure.labels: has 9 labels; allowed: at most 8');
    const e = expectFails(gatewayApi({ infrastructure: { labels: { 'a/b/c': 'x', 'ok': '-bad' } } }));
    expect(e.message).toContain('options.infrastructure.labels["a/b/c"]');
    expect(e.message).toContain('options.infrastructure.labels["ok"]');
  });
  test('fails for platformGateway with existingGateway, and for addresses or infrastructure on a Gateway the app does not own', () => {
    const e = expectFails(gatewayApi({ existingGateway: { name: 'x' }, platformGateway: { name: 'y' }, addresses: [{ value: '192.0.2.1' }] }));
    expect(e.message).toContain('options.platformGateway: may not be used with existingGateway');
    expect(e.message).toContain('options.addresses: may not be used with existingGateway');
    expectFails(gatewayApi({ platformGateway: { name: 'y' }, infrastructure: { labels: { a: 'b' } } }), 'options.infrastructure: may not be used with platformGateway');
  });
  test('fails for more than 16 infrastructure annotations and a value over 4096 characters', () => {
    const annotations: Record<string, string> = {};
    for (let i = 0; i < 17; i++) annotations[`example.com/a${i}`] = 'v';
    expectFails(gatewayApi({ infrastructure: { annotations } }), 'options.infrastructure.annotations: has 17 annotations; allowed: at most 16');
    expectFails(gatewayApi({ infrastructure: { annotations: { a: 'x'.repeat(4097) } } }), 'options.infrastructure.annotations["a"]: has 4097 characters');
  });
  test('fails for a platform Gateway name that is not a DNS subdomain', () => {
    expectFails(gatewayApi({ platformGateway: { name: 'Shared_GW' } }), 'options.platformGateway.name');
  });
});
