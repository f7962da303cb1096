/**
 * The validation rules, each exercised through a public construct that uses it (the rules
 * themselves are internal). One describe block per rule, named after the rule.
 */
import * as net from 'net';
import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AppDeployment, AppDeploymentProps, ClusterIpService, ClusterIpServiceProps, ExposeErrors, ExternalIpService,
  ExternalTrafficPolicy, HostPortPod, HostPortPodProps, HttpIngress, LabCertificateAuthority, NodePortService,
  NodePortServiceProps, PathType, TlsIngress, TlsMode, Warnings,
} from '../../constructs';
import { ipFamily } from '../../constructs/validation/ip-addresses';
import { expectFails } from '../helpers/expect-fails';

const repeat = (c: string, n: number) => c.repeat(n);

const POD: HostPortPodProps = { image: 'nginx:1.27', containerPort: 80, hostPort: 30890 };
const pod = (props: Partial<HostPortPodProps> = {}, id = 'Pod') => () => new HostPortPod(Testing.chart(), id, { ...POD, ...props });
const SVC: ClusterIpServiceProps = { selector: { app: 'web' }, port: 80 };
const service = (props: Partial<ClusterIpServiceProps> = {}, id = 'Svc') => () => new ClusterIpService(Testing.chart(), id, { ...SVC, ...props });
const NODE_PORT: NodePortServiceProps = { ...SVC, nodePort: 30888 };
const nodePort = (props: Partial<NodePortServiceProps>) => () => new NodePortService(Testing.chart(), 'Svc', { ...NODE_PORT, ...props });
const externalIp = (ip: string) => () => new ExternalIpService(Testing.chart(), 'Svc', { ...SVC, externalIPs: [ip] });
const deployment = (props: Partial<AppDeploymentProps>) => () => new AppDeployment(Testing.chart(), 'Web', { image: 'nginx:1.27', containerPort: 80, ...props });
const serverCertificate = (dnsNames: string[]) => () => new LabCertificateAuthority(Testing.chart(), 'Ca').addServerCertificate('Cert', { dnsNames });
const passthrough = (host: string) => () => new TlsIngress(Testing.chart(), 'Ing', {
  host, mode: TlsMode.PASSTHROUGH, backend: { serviceName: 'web-tls', port: 443 },
});
const httpIngress = (path: string, pathType: PathType) => () => new HttpIngress(Testing.chart(), 'Ing', {
  host: 'a.example.com', path, pathType, backend: { serviceName: 'web', port: 80 },
});

describe('ExposeValidationError', () => {
  test('carries construct path and field, message starts with both', () => {
    const e = expectFails(pod({ hostPort: 0 }),
      '[test/Pod] spec.containers[0].ports[0].hostPort: 0 is not a valid port number; allowed: an integer from 1 to 65535');
    expect(e.constructPath).toBe('test/Pod');
    expect(e.field).toBe('spec.containers[0].ports[0].hostPort');
    expect(e.name).toBe('ExposeValidationError');
    expect(e).toBeInstanceOf(Error);
    expect(ExposeErrors.isValidationError(e)).toBe(true);
    expect(ExposeErrors.constructPathOf(e)).toBe('test/Pod');
    expect(ExposeErrors.fieldOf(e)).toBe('spec.containers[0].ports[0].hostPort');
  });

  test('the construct path is the path the construct has', () => {
    const chart = Testing.chart();
    const ok = new HostPortPod(chart, 'Ok', POD);
    const e = expectFails(() => new HostPortPod(chart, 'Bad', { ...POD, hostPort: 0 }));
    expect(e.constructPath).toBe(ok.node.path.replace(/Ok$/, 'Bad'));
    expect(chart.node.tryFindChild('Bad')).toBeUndefined();
  });
});

describe('validatePortNumber (Service port)', () => {
  test.each([1, 80, 65535])('accepts %p', v => {
    expect(service({ port: v })().port).toBe(v);
  });
  test.each([0, -1, 65536, 1.5, NaN])('fails for %p', v => {
    expectFails(service({ port: v }), '[test/Svc]', 'spec.ports[0].port', `${v} is not a valid port number`, 'allowed: an integer from 1 to 65535');
  });
});

describe('nodePortProblems (NodePortService)', () => {
  test.each([30000, 30888, 32767])('accepts %p (the API server default range)', v => {
    expect(nodePort({ nodePort: v })().nodePort).toBe(v);
  });
  test.each([29999, 32768, 80])('fails for %p', v => {
    expectFails(nodePort({ nodePort: v }), '[test/Svc]', 'spec.ports[0].nodePort', `${v} is outside the allowed range 30000-32767`);
  });
  test('fails for a fraction, saying it is not an integer', () => {
    expectFails(nodePort({ nodePort: 30000.5 }), 'spec.ports[0].nodePort: 30000.5 is not a valid nodePort: it is not an integer');
  });
});

describe('validatePortName (container port name)', () => {
  const F = 'spec.containers[0].ports[0].name';
  test.each(['http', 'https-alt', 'a', 'p8080', '8080a', repeat('a', 15), 'web-1-x'])('accepts %p', v => {
    expect(Testing.synth(Chart.of(pod({ portName: v })()))[0].spec.containers[0].ports[0].name).toBe(v);
  });
  test.each([
    [repeat('a', 16), 'must be 1-15 characters (has 16)'],
    ['', 'must be 1-15 characters (has 0)'],
    ['8080', 'must contain at least one letter'],
    ['a--b', 'must not contain consecutive hyphens'],
    ['Http', 'must consist of lowercase letters'],
    ['-http', 'start and end with a letter or digit'],
    ['http-', 'start and end with a letter or digit'],
    ['ht_tp', 'must consist of lowercase letters'],
  ])('fails for %p', (v, why) => {
    expectFails(pod({ portName: v }), '[test/Pod]', F, JSON.stringify(v), 'is not a valid port name (IANA_SVC_NAME)', why);
  });
});

describe('IP addresses', () => {
  const HOST_IP = 'spec.containers[0].ports[0].hostIP';
  test.each(['10.0.0.1', '192.168.1.10', '0.0.0.0', '127.0.0.1', '2001:db8::1', '::', '::1', 'fe80::1'])(
    'ipAddressProblems (hostIP) accepts %p: hostIP may be any address', v => {
      expect(pod({ hostIp: v })().hostIp).toBe(v);
    });
  test.each(['1.2.3', '1.2.3.256', 'a.b.c.d', '', '10.0.0.1/24', 'fe80::1%eth0', 'localhost', '2001:db8:::1'])(
    'ipAddressProblems (hostIP) fails for %p', v => {
      expectFails(pod({ hostIp: v }), '[test/Pod]', HOST_IP, `${JSON.stringify(v)} is not a valid IP address`, 'allowed: an IPv4');
    });

  test.each(['10.119.12.4', '192.168.0.1', '8.8.8.8', '172.16.0.1', '2001:db8::1', '224.0.1.1', 'ff05::1', '169.255.0.1', '126.255.255.255',
    '::ffff:10.0.0.1', '::ffff:a00:1'])(
    'externalIpProblems (ExternalIpService) accepts %p', v => {
      expect(externalIp(v)().externalIPs).toEqual([v]);
    });
  test.each([
    ['0.0.0.0', 'the unspecified address'],
    ['::', 'the unspecified address'],
    ['127.0.0.1', 'loopback'],
    ['127.5.5.5', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.1.1', 'link-local address (169.254.0.0/16)'],
    ['fe80::1', 'link-local address (fe80::/10)'],
    ['febf::1', 'link-local address (fe80::/10)'],
    ['224.0.0.1', 'link-local multicast address (224.0.0.0/24)'],
    ['ff02::1', 'link-local multicast'],
    ['FF02::1', 'link-local multicast'],
    ['ff12::1', 'link-local multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.1.1', 'link-local'],
    ['::ffff:0.0.0.0', 'the unspecified address'],
    ['::ffff:7f00:1', 'loopback'],
  ])('externalIpProblems fails for special %p', (v, why) => {
    expectFails(externalIp(v), '[test/Svc]', 'spec.externalIPs[0]', `${JSON.stringify(v)} is`, why, 'allowed: a routable IP');
  });
  test('ipFamily (which skips the IPv6 pattern without a colon) answers as net.isIP', () => {
    const inputs = ['10.0.0.1', '1.2.3', '1.2.3.256', '0.0.0.0', '::', '::1', '2001:db8::1', '2001:db8:::1', 'fe80::1%eth0',
      '::ffff:10.0.0.1', '::ffff:a00:1', 'FF02::1', 'a.example.com', 'localhost', '', ':', '1:2', '10.0.0.1:80', '[::1]', ' 10.0.0.1'];
    expect(inputs.map(ipFamily)).toEqual(inputs.map(v => net.isIP(v)));
  });
  test('externalIpProblems fails for an invalid IP with the IP message', () => {
    expectFails(externalIp('1.2.3'), 'spec.externalIPs[0]: "1.2.3" is not a valid IP address');
  });
});

describe('DNS names', () => {
  const label63 = repeat('a', 63);
  const label64 = repeat('a', 64);
  const sub253 = [repeat('a', 63), repeat('b', 63), repeat('c', 63), repeat('d', 61)].join('.');
  const sub254 = [repeat('a', 63), repeat('b', 63), repeat('c', 63), repeat('d', 62)].join('.');
  test('length fixtures', () => {
    expect(sub253).toHaveLength(253);
    expect(sub254).toHaveLength(254);
  });

  test.each(['a', 'my-name', '1abc', '0', label63, 'a-1'])('validateDns1123Label (container name) accepts %p', v => {
    const built = pod({ containerName: v })();
    expect(Testing.synth(Chart.of(built))[0].spec.containers[0].name).toBe(v);
  });
  test.each([label64, '', 'My-name', '-a', 'a-', 'a.b', 'a_b'])('validateDns1123Label (container name) fails for %p', v => {
    expectFails(pod({ containerName: v }), '[test/Pod]', 'spec.containers[0].name', `${JSON.stringify(v)} is not a valid DNS-1123 label`,
      'allowed: 1-63 lowercase');
  });

  test.each(['a', 'my-service', label63, 'a1'])('validateDns1035Label (Service name) accepts %p', v => {
    expect(service({ name: v })().name).toBe(v);
  });
  test.each([label64, '', '1abc', 'My-service', 'a-', 'a.b'])('validateDns1035Label (Service name) fails for %p', v => {
    expectFails(service({ name: v }), '[test/Svc]', 'metadata.name', `${JSON.stringify(v)} is not a valid DNS-1035 label`, 'starting with a letter');
  });

  test.each(['a', 'example.com', '1.example.com', sub253, `${label63}.com`])('validateDns1123Subdomain (pod name) accepts %p', v => {
    expect(pod({ name: v, labels: { app: 'web' } })().name).toBe(v);
  });
  test.each([sub254, '', 'Example.com', 'a..b', '.a', 'a.', '-a.com', 'a_b.com'])('validateDns1123Subdomain (pod name) fails for %p', v => {
    expectFails(pod({ name: v, labels: { app: 'web' } }), '[test/Pod]', 'metadata.name', `${JSON.stringify(v)} is not a valid DNS-1123 subdomain`,
      'allowed: at most 253 characters');
  });
});

describe('validateIngressHost', () => {
  const F = 'spec.dnsNames[0]';
  test.each(['svc1.example.com', 'localhost', '*.a.com', '*.example.com'])('accepts %p (server certificate dnsNames)', v => {
    expect(serverCertificate([v])).not.toThrow();
  });
  test('accepts an exact host where wildcards are not allowed (passthrough)', () => {
    expect(passthrough('svc5.example.com')().host).toBe('svc5.example.com');
  });
  test.each(['10.0.0.1', '2001:db8::1', '::1'])('fails for IP address %p', v => {
    expectFails(serverCertificate([v]), '[test/Ca/Cert]', F, `${JSON.stringify(v)} is an IP address`, 'allowed: a DNS name');
  });
  test.each(['*a.com', 'a.*.com', '*.', '*', '**.a.com', '*.*.a.com', '*.A.com', `*.${repeat('a', 63)}.${repeat('b', 63)}.${repeat('c', 63)}.${repeat('d', 61)}`])(
    'fails for bad wildcard %p', v => {
      expectFails(serverCertificate([v]), '[test/Ca/Cert]', F, `${JSON.stringify(v)} is not a valid wildcard host`, 'allowed: "*." followed by');
    });
  test('fails for a wildcard where not allowed (passthrough)', () => {
    expectFails(passthrough('*.a.com'), '[test/Ing]', 'spec.rules[0].host', '"*.a.com" is a wildcard host', 'allowed here: an exact DNS name');
  });
  test.each(['Svc.example.com', 'a_b.com', 'a..com', ''])('fails for non-DNS host %p', v => {
    expectFails(serverCertificate([v]), '[test/Ca/Cert]', F, `${JSON.stringify(v)} is not a valid DNS-1123 subdomain`);
  });
});

describe('labels (pod metadata.labels, Service selector)', () => {
  const labelled = (labels: { [key: string]: string }) => pod({ labels });
  test.each(['app', 'app.kubernetes.io/name', 'example.com/a_b.c', 'A-b', repeat('k', 63), `x.io/${repeat('k', 63)}`])('validateLabelKey accepts %p', v => {
    expect(labelled({ [v]: 'x' })().labels).toEqual({ [v]: 'x' });
  });
  test.each(['', '-app', 'app-', repeat('k', 64), 'a/b/c', 'a b', `x.io/${repeat('k', 64)}`, 'x.io/'])('validateLabelKey fails for %p', v => {
    expectFails(labelled({ [v]: 'x' }), '[test/Pod]', `metadata.labels[${JSON.stringify(v)}]`, `${JSON.stringify(v)} is not a valid label key`,
      'allowed: an optional DNS subdomain prefix');
  });
  test.each(['Example.com/app', '/app', '-x.io/app'])('validateLabelKey fails for bad prefix %p', v => {
    expectFails(labelled({ [v]: 'x' }), '[test/Pod]', `metadata.labels[${JSON.stringify(v)}] (prefix of label key ${JSON.stringify(v)})`,
      'is not a valid DNS-1123 subdomain');
  });

  test.each(['', 'nginx', 'v1.2_3-x', 'A', repeat('v', 63)])('validateLabelValue accepts %p', v => {
    expect(labelled({ app: v })().labels).toEqual({ app: v });
  });
  test.each([repeat('v', 64), '-v', 'v-', '.v', 'a b', 'a/b'])('validateLabelValue fails for %p', v => {
    expectFails(labelled({ app: v }), '[test/Pod]', 'metadata.labels["app"]', `${JSON.stringify(v)} is not a valid label value`,
      'allowed: empty, or at most 63');
  });

  test('validateLabels checks every key and value and names the key in the field', () => {
    expect(service({ selector: { app: 'web', 'app.kubernetes.io/part-of': '' } })().selector).toEqual({ app: 'web', 'app.kubernetes.io/part-of': '' });
    expectFails(service({ selector: { app: 'web', tier: 'bad value' } }), '[test/Svc]', 'spec.selector["tier"]', '"bad value" is not a valid label value');
    expectFails(service({ selector: { 'bad key': 'x' } }), '[test/Svc]', 'spec.selector["bad key"]', '"bad key" is not a valid label key');
  });
  test('validateLabels: empty is fine unless required (a Service\'s own labels may be empty, its selector not)', () => {
    expect(service({ labels: {} })).not.toThrow();
    expectFails(service({ selector: {} }), '[test/Svc]', 'spec.selector', 'is empty', 'allowed: at least one label');
  });
});

describe('validateIngressPath (HttpIngress path)', () => {
  const F = 'spec.rules[0].http.paths[0].path';
  const strict = [PathType.PREFIX, PathType.EXACT];

  test.each(['/', '/api', '/api/v1/', '/A_b-9'])('accepts %p for Prefix and Exact', v => {
    for (const t of strict) expect(httpIngress(v, t)().path).toBe(v);
  });
  // valid for the API server, refused by ingress-nginx's strict-validate-path-type for Prefix/Exact
  test.each(['/a.b', '/a..b', '/.well-known', '/a/.b'])('accepts %p for ImplementationSpecific only', v => {
    expect(httpIngress(v, PathType.IMPLEMENTATION_SPECIFIC)().path).toBe(v);
    for (const t of strict) expectFails(httpIngress(v, t), '[test/Ing]', F, 'strict-validate-path-type');
  });
  test.each([PathType.PREFIX, PathType.EXACT, PathType.IMPLEMENTATION_SPECIFIC])('fails for a relative path (%p)', t => {
    expectFails(httpIngress('api', t), '[test/Ing]', F, '"api" is not an absolute path', "allowed: a path that begins with '/'");
    expectFails(httpIngress('', t), '"" is not an absolute path');
  });
  test.each([
    ['/a//b', "must not contain '//'"],
    ['/a/./b', "must not contain '/./'"],
    ['/a/../b', "must not contain '/../'"],
    ['/a%2fb', "must not contain '%2f'"],
    ['/a%2Fb', "must not contain '%2F'"],
    ['/a/.', "must not end with '/.'"],
    ['/a/..', "must not end with '/..'"],
    ['/..', "must not end with '/..'"],
    ['/.', "must not end with '/.'"],
  ])('fails for %p with Prefix and Exact', (v, why) => {
    for (const t of strict) {
      expectFails(httpIngress(v, t), '[test/Ing]', F, JSON.stringify(v), why, `when pathType is ${t}`);
    }
  });
  test.each(['/a//b', '/a/./b', '/a/../b', '/a%2fb', '/a/.', '/a/..', '/(api|web)/.*'])('accepts %p for ImplementationSpecific', v => {
    expect(httpIngress(v, PathType.IMPLEMENTATION_SPECIFIC)().path).toBe(v);
  });
});

describe('value rules', () => {
  test('integerRangeProblems (Deployment replicas)', () => {
    expect(deployment({ replicas: 0 })().replicas).toBe(0);
    expect(deployment({ replicas: 1000 })().replicas).toBe(1000);
    for (const v of [-1, 1001, 1.5]) {
      expectFails(deployment({ replicas: v }), '[test/Web]', 'spec.replicas', `${v} is not allowed`, 'allowed: an integer from 0 to 1000');
    }
  });
  test('imageReferenceProblems (container image)', () => {
    expect(pod({ image: 'nginx:1.27' })).not.toThrow();
    expect(pod({ image: `registry.example.com:5000/team/app@sha256:${'ab'.repeat(32)}` })).not.toThrow();
    for (const v of ['', 'nginx 1.27', ' nginx', 'nginx\t']) {
      expectFails(pod({ image: v }), '[test/Pod]', 'spec.containers[0].image', `${JSON.stringify(v)} is not a valid image reference`,
        'allowed: [registry[:port]/]repository[:tag]');
    }
  });
  test('validateOneOf (externalTrafficPolicy)', () => {
    expect(nodePort({ externalTrafficPolicy: ExternalTrafficPolicy.LOCAL })).not.toThrow();
    expectFails(nodePort({ externalTrafficPolicy: 'Node' as ExternalTrafficPolicy }), '[test/Svc]', 'spec.externalTrafficPolicy',
      '"Node" is not allowed', 'allowed: "Cluster", "Local"');
  });
});

describe('naming (metadata.name from the construct id)', () => {
  test.each([
    ['Pod1HostPort', 'pod1-host-port'],
    ['Service1NodePort', 'service1-node-port'],
    ['svc1_ingress', 'svc1-ingress'],
    ['HTTPIngress', 'http-ingress'],
    ['Pod2HostNetwork', 'pod2-host-network'],
    ['Svc4TLSReencrypt', 'svc4-tls-reencrypt'],
    ['web', 'web'],
    ['My  App!', 'my-app'],
    ['_Leading_', 'leading'],
  ])('id %p gives the name %p', (id, expected) => {
    expect(pod({}, id)().name).toBe(expected);
  });

  test('the explicit name wins over the id', () => {
    expect(pod({ name: 'custom.name' }, 'Pod1HostPort')().name).toBe('custom.name');
  });

  test('fails for a derived invalid name and says to set props.name', () => {
    expectFails(pod({}, '!!!'),
      '[test/!!!] metadata.name: "" is not a valid DNS-1123 subdomain', 'derived from construct id "!!!"', 'set props.name');
  });

  test('fails for a Service name that starts with a digit (DNS-1035)', () => {
    expect(pod({}, '1Svc')().name).toBe('1-svc');
    const e = expectFails(service({}, '1Svc'),
      '[test/1Svc] metadata.name: "1-svc" is not a valid DNS-1035 label', 'starting with a letter', 'set props.name');
    expect(e.message.match(/\[test\/1Svc\]/g)).toHaveLength(1);
    const explicit = expectFails(service({ name: '1svc' }), '[test/Svc] metadata.name: "1svc" is not a valid DNS-1035 label');
    expect(explicit.message).not.toContain('set props.name');
  });
});

describe('warnings', () => {
  test('collect: sorted by path then message, deduplicated', () => {
    const app = Testing.app();
    const chart = new Construct(app, 'chart');
    const b = new Construct(chart, 'B');
    const a = new Construct(chart, 'A');
    Warnings.of(b).add('z message');
    Warnings.of(b).add('a message');
    Warnings.of(b).add('a message');
    Warnings.of(a).add('only one');
    b.node.addMetadata('something-else', 'ignored');
    expect(b.node.metadata.filter(m => m.type === 'cdk8s-expose:warning')).toHaveLength(2);
    expect(Warnings.collect(app)).toEqual([
      { path: 'chart/A', message: 'only one' },
      { path: 'chart/B', message: 'a message' },
      { path: 'chart/B', message: 'z message' },
    ]);
    expect(Warnings.collect(a)).toEqual([{ path: 'chart/A', message: 'only one' }]);
  });

  test('format: grouped by path, counted', () => {
    expect(Warnings.format([])).toBe('');
    expect(Warnings.format([{ path: 'c/A', message: 'm1' }])).toBe('cdk8s-expose: 1 warning\n  c/A\n    - m1');
    expect(Warnings.format([
      { path: 'c/A', message: 'm1' },
      { path: 'c/A', message: 'm2' },
      { path: 'c/B', message: 'm3' },
    ])).toBe('cdk8s-expose: 3 warnings\n  c/A\n    - m1\n    - m2\n  c/B\n    - m3');
  });

  test('print writes to stderr and returns the count', () => {
    const app = Testing.app();
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(Warnings.print(app)).toBe(0);
      expect(spy).not.toHaveBeenCalled();
      Warnings.of(new Construct(app, 'X')).add('careful');
      expect(Warnings.print(app)).toBe(1);
      expect(spy).toHaveBeenCalledWith('cdk8s-expose: 1 warning\n  X\n    - careful\n');
    } finally {
      spy.mockRestore();
    }
  });
});
