/**
 * What the Gateway API target catches at construction (or synth) that the API server would refuse
 * or the Gateway would not serve, each with its valid twin: more listeners than a Gateway holds,
 * HTTPRoute path characters and sequences the CRD refuses, a backend port the app's Service does
 * not expose, a BackendTLSPolicy server name that is an IP address (not valid as SNI).
 */
import { k8s } from 'cdk8s-plus-27';
import { BackendProtocol, HttpIngress, PathType, TlsIngress, TlsMode } from '../../constructs';
import { MAX_GATEWAY_LISTENERS } from '../../constructs/targets/gateway-api/rules';
import { expectFails } from '../helpers/expect-fails';
import { expectValidGatewayApiObjects, gatewayApp, ofKind, synthAll } from '../helpers/gateway-api';

const WEB = { serviceName: 'web', port: 80 };
const term = (host: string) => ({ host, mode: TlsMode.TERMINATION, tlsSecretName: `${host.split('.')[0]}-tls`, backend: WEB });

describe('listener count', () => {
  test(`${MAX_GATEWAY_LISTENERS / 2} terminated hosts fill the Gateway's ${MAX_GATEWAY_LISTENERS} listeners (HTTPS and the HTTP redirect each), valid for the CRD`, () => {
    const { app, chart } = gatewayApp();
    for (let i = 0; i < MAX_GATEWAY_LISTENERS / 2; i++) new TlsIngress(chart, `Host${i}`, term(`h${i}.example.com`));
    const objects = synthAll(app);
    expect(ofKind(objects, 'Gateway')[0].spec.listeners).toHaveLength(MAX_GATEWAY_LISTENERS);
    expectValidGatewayApiObjects(objects);
  });

  test('fails at construction for listener 65, naming the Gateway, the exposures and the ways out (a second Gateway, ListenerSets)', () => {
    const { chart } = gatewayApp();
    for (let i = 0; i < MAX_GATEWAY_LISTENERS / 2; i++) new TlsIngress(chart, `Host${i}`, term(`h${i}.example.com`));
    expectFails(() => new HttpIngress(chart, 'OneTooMany', { host: 'more.example.com', backend: WEB }),
      'apps/OneTooMany', 'spec.listeners[64]', 'Gateway "cdk8s-expose" would get listener number 65', 'limit of 64',
      '33 exposures: apps/Host0, apps/Host1', 'apps/Host31, apps/OneTooMany', 'another gatewayName', 'httpsRedirect: false', 'ListenerSets');
  });

  test('an exposure that shares existing listeners does not count', () => {
    const { app, chart } = gatewayApp();
    for (let i = 0; i < MAX_GATEWAY_LISTENERS / 2; i++) new TlsIngress(chart, `Host${i}`, term(`h${i}.example.com`));
    new TlsIngress(chart, 'SamePlace', { ...term('h0.example.com'), path: '/other', pathType: PathType.PREFIX });
    expect(ofKind(synthAll(app), 'Gateway')[0].spec.listeners).toHaveLength(MAX_GATEWAY_LISTENERS);
  });
});

describe('HTTPRoute path values (the CRD\'s HTTPPathMatch CEL rules, at construction)', () => {
  test.each(['/a//b', '/a/../b', '/a%2Fb', '/a%2fb', '/static/.'])('fails for the sequence in %j (the Ingress path rule, which the CRD\'s rules repeat, refuses it first)', path => {
    const { chart } = gatewayApp();
    expectFails(() => new HttpIngress(chart, 'Web', { host: 'a.example.com', path, backend: WEB }), 'apps/Web', JSON.stringify(path), 'must not');
  });

  test.each([
    ['/a b', 'must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&\'()*+,;=:@]|[%][0-9a-fA-F]{2})+$)'],
    ['/a%zz', 'must only contain valid characters'],
    ['/a#b', 'must not contain \'#\' when type one of [\'Exact\', \'PathPrefix\']'],
  ])('fails for %j, which an Ingress accepts and the HTTPRoute CRD does not', (path, message) => {
    const { chart } = gatewayApp();
    expectFails(() => new HttpIngress(chart, 'Web', { host: 'a.example.com', path, backend: WEB }),
      'apps/Web', 'spec.rules[0].matches[0].path.value', JSON.stringify(path), message, 'CEL rule of the HTTPRoute CRD');
  });

  test('valid twin: ordinary paths (and TLS passthrough, which has no path) render and pass the CRD', () => {
    const { app, chart } = gatewayApp();
    new HttpIngress(chart, 'Web', { host: 'a.example.com', path: '/api/v1/~user_(x)', backend: WEB });
    new TlsIngress(chart, 'Pass', { host: 'b.example.com', mode: TlsMode.PASSTHROUGH, backend: { serviceName: 'web', port: 443 } });
    const objects = synthAll(app);
    expect(ofKind(objects, 'HTTPRoute')[0].spec.rules[0].matches[0].path.value).toBe('/api/v1/~user_(x)');
    expectValidGatewayApiObjects(objects);
  });
});

describe('backend port and the app\'s Service', () => {
  const service = (chart: any, port: number) =>
    new k8s.KubeService(chart, 'Svc', { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port, name: 'http' }] } });

  test('fails at synth for a backend port the app\'s Service does not expose (the app-wide ingress-backend rule reads HTTPRoutes)', () => {
    const { app, chart } = gatewayApp();
    service(chart, 8080);
    new HttpIngress(chart, 'Web', { host: 'a.example.com', backend: WEB });
    expect(() => synthAll(app)).toThrow(/\[apps\/Web\] spec\.rules\[0\]\.backendRefs\[0\]\.port: 80 is not a port of Service "web".*allowed: 8080/);
  });

  test('valid twin: the port the Service exposes', () => {
    const { app, chart } = gatewayApp();
    service(chart, 80);
    new HttpIngress(chart, 'Web', { host: 'a.example.com', backend: WEB });
    expect(ofKind(synthAll(app), 'HTTPRoute')[0].spec.rules[0].backendRefs[0].port).toBe(80);
  });
});

describe('backend server name (BackendTLSPolicy validation.hostname, sent as SNI)', () => {
  const reencrypt = (serverName: string) => ({
    host: 'a.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 'a-tls', backend: { serviceName: 'web', port: 443 },
    backendProtocol: BackendProtocol.HTTPS, backendCaSecretName: 'web-ca', backendServerName: serverName,
  });

  test('an IPv6 address is refused as a DNS-1123 name already (backendServerName)', () => {
    const { chart } = gatewayApp();
    expectFails(() => new TlsIngress(chart, 'Re', reencrypt('2001:db8::1')), 'apps/Re', 'backendServerName');
  });

  test.each(['10.0.0.12', '192.0.2.1'])('fails for the IPv4 address %j, which the CRD\'s hostname pattern accepts', ip => {
    const { chart } = gatewayApp();
    expectFails(() => new TlsIngress(chart, 'Re', reencrypt(ip)), 'apps/Re', 'spec.validation.hostname', JSON.stringify(ip), 'is an IP address',
      'RFC 6066', '<service>.<namespace>.svc');
  });

  test('valid twin: a DNS name', () => {
    const { app, chart } = gatewayApp();
    new TlsIngress(chart, 'Re', reencrypt('web.apps.svc'));
    const objects = synthAll(app);
    expect(ofKind(objects, 'BackendTLSPolicy')[0].spec.validation.hostname).toBe('web.apps.svc');
    expectValidGatewayApiObjects(objects);
  });
});
