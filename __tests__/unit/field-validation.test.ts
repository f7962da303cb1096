import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { expectFails } from '../helpers/expect-fails';
import { NODE_PORT_RANGE, validateNodePort, validatePortName, validatePortNumber } from '../../constructs/validation/ports';
import { PathType } from '../../constructs/core/enums';
import { pathOf } from '../../constructs/core/naming';
import { reject } from '../../constructs/core/errors';
import { specialIpReason, validateExternalIp, validateIpAddress } from '../../constructs/validation/ip-addresses';
import { validateDns1035Label, validateDns1123Label, validateDns1123Subdomain, validateIngressHost } from '../../constructs/validation/names';
import { validateImage, validateIntegerRange, validateOneOf } from '../../constructs/validation/values';
import { validateIngressPath } from '../../constructs/validation/ingress-paths';
import { validateLabelKey, validateLabels, validateLabelValue } from '../../constructs/validation/labels';
import { kebabFromId, NameKind, resolveName } from '../../constructs/core/naming';
import { Warnings } from '../../constructs/core/warnings';

const P = 'test/Thing';

const repeat = (c: string, n: number) => c.repeat(n);

describe('ExposeValidationError', () => {
  test('carries construct path and field, message starts with both', () => {
    const e = expectFails(() => reject(P, 'spec.x', 'bad; allowed: good'), '[test/Thing] spec.x: bad; allowed: good');
    expect(e.constructPath).toBe(P);
    expect(e.field).toBe('spec.x');
    expect(e.name).toBe('ExposeValidationError');
    expect(e).toBeInstanceOf(Error);
  });

  test('pathOf is the path the construct will have', () => {
    const chart = Testing.chart();
    expect(pathOf(chart, 'Pod')).toBe('test/Pod');
    const c = new Construct(chart, 'Pod');
    expect(c.node.path).toBe(pathOf(chart, 'Pod'));
  });
});

describe('validatePortNumber', () => {
  test.each([1, 80, 65535])('accepts %p', v => {
    expect(validatePortNumber(P, 'spec.ports[0].port', v)).toBe(v);
  });
  test.each([0, -1, 65536, 1.5, NaN])('fails for %p', v => {
    expectFails(() => validatePortNumber(P, 'spec.ports[0].port', v),
      '[test/Thing]', 'spec.ports[0].port', `${v} is not a valid port number`, 'allowed: an integer from 1 to 65535');
  });
});

describe('validateNodePort', () => {
  test('range is the API server default', () => {
    expect(NODE_PORT_RANGE).toEqual({ min: 30000, max: 32767 });
  });
  test.each([30000, 30888, 32767])('accepts %p', v => {
    expect(validateNodePort(P, 'spec.ports[0].nodePort', v)).toBe(v);
  });
  test.each([29999, 32768, 30000.5, 80])('fails for %p', v => {
    expectFails(() => validateNodePort(P, 'spec.ports[0].nodePort', v),
      '[test/Thing]', 'spec.ports[0].nodePort', `${v} is outside the allowed range 30000-32767`);
  });
});

describe('validatePortName', () => {
  test.each(['http', 'https-alt', 'a', 'p8080', '8080a', repeat('a', 15), 'web-1-x'])('accepts %p', v => {
    expect(validatePortName(P, 'ports[0].name', v)).toBe(v);
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
    expectFails(() => validatePortName(P, 'ports[0].name', v),
      '[test/Thing]', 'ports[0].name', JSON.stringify(v), 'is not a valid port name (IANA_SVC_NAME)', why);
  });
});

describe('IP addresses', () => {
  test.each(['10.0.0.1', '192.168.1.10', '0.0.0.0', '127.0.0.1', '2001:db8::1', '::', '::1', 'fe80::1'])(
    'validateIpAddress accepts %p (hostIP may be any address)', v => {
      expect(validateIpAddress(P, 'hostIP', v)).toBe(v);
    });
  test.each(['1.2.3', '1.2.3.256', 'a.b.c.d', '', '10.0.0.1/24', 'fe80::1%eth0', 'localhost', '2001:db8:::1'])(
    'validateIpAddress fails for %p', v => {
      expectFails(() => validateIpAddress(P, 'hostIP', v),
        '[test/Thing]', 'hostIP', `${JSON.stringify(v)} is not a valid IP address`, 'allowed: an IPv4');
    });

  test.each(['10.119.12.4', '192.168.0.1', '8.8.8.8', '172.16.0.1', '2001:db8::1', '224.0.1.1', 'ff05::1', '169.255.0.1', '126.255.255.255'])(
    'validateExternalIp accepts %p', v => {
      expect(validateExternalIp(P, 'spec.externalIPs[0]', v)).toBe(v);
      expect(specialIpReason(v)).toBeUndefined();
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
  ])('validateExternalIp fails for special %p', (v, why) => {
    expectFails(() => validateExternalIp(P, 'spec.externalIPs[0]', v),
      '[test/Thing]', 'spec.externalIPs[0]', `${JSON.stringify(v)} is`, why, 'allowed: a routable IP');
  });
  test('validateExternalIp fails for an invalid IP with the IP message', () => {
    expectFails(() => validateExternalIp(P, 'spec.externalIPs[0]', '1.2.3'), '"1.2.3" is not a valid IP address');
  });
  test('an IPv4-mapped routable address is not special', () => {
    expect(specialIpReason('::ffff:10.0.0.1')).toBeUndefined();
    expect(specialIpReason('::ffff:a00:1')).toBeUndefined();
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

  test.each(['a', 'my-name', '1abc', '0', label63, 'a-1'])('validateDns1123Label accepts %p', v => {
    expect(validateDns1123Label(P, 'metadata.name', v)).toBe(v);
  });
  test.each([label64, '', 'My-name', '-a', 'a-', 'a.b', 'a_b'])('validateDns1123Label fails for %p', v => {
    expectFails(() => validateDns1123Label(P, 'metadata.name', v),
      '[test/Thing]', 'metadata.name', `${JSON.stringify(v)} is not a valid DNS-1123 label`, 'allowed: 1-63 lowercase');
  });

  test.each(['a', 'my-service', label63, 'a1'])('validateDns1035Label accepts %p', v => {
    expect(validateDns1035Label(P, 'metadata.name', v)).toBe(v);
  });
  test.each([label64, '', '1abc', 'My-service', 'a-', 'a.b'])('validateDns1035Label fails for %p', v => {
    expectFails(() => validateDns1035Label(P, 'metadata.name', v),
      '[test/Thing]', 'metadata.name', `${JSON.stringify(v)} is not a valid DNS-1035 label`, 'starting with a letter');
  });

  test.each(['a', 'example.com', '1.example.com', sub253, `${label63}.com`])('validateDns1123Subdomain accepts %p', v => {
    expect(validateDns1123Subdomain(P, 'metadata.name', v)).toBe(v);
  });
  test.each([sub254, '', 'Example.com', 'a..b', '.a', 'a.', '-a.com', 'a_b.com'])('validateDns1123Subdomain fails for %p', v => {
    expectFails(() => validateDns1123Subdomain(P, 'metadata.name', v),
      '[test/Thing]', 'metadata.name', `${JSON.stringify(v)} is not a valid DNS-1123 subdomain`, 'allowed: at most 253 characters');
  });
});

describe('validateIngressHost', () => {
  const F = 'spec.rules[0].host';
  test.each(['svc1.example.com', 'localhost', '*.a.com', '*.example.com'])('accepts %p', v => {
    expect(validateIngressHost(P, F, v)).toBe(v);
  });
  test('accepts an exact host when wildcards are not allowed', () => {
    expect(validateIngressHost(P, F, 'svc5.example.com', false)).toBe('svc5.example.com');
  });
  test.each(['10.0.0.1', '2001:db8::1', '::1'])('fails for IP address %p', v => {
    expectFails(() => validateIngressHost(P, F, v), '[test/Thing]', F, `${JSON.stringify(v)} is an IP address`, 'allowed: a DNS name');
  });
  test.each(['*a.com', 'a.*.com', '*.', '*', '**.a.com', '*.*.a.com', '*.A.com', `*.${repeat('a', 63)}.${repeat('b', 63)}.${repeat('c', 63)}.${repeat('d', 61)}`])(
    'fails for bad wildcard %p', v => {
      expectFails(() => validateIngressHost(P, F, v), '[test/Thing]', F, `${JSON.stringify(v)} is not a valid wildcard host`, 'allowed: "*." followed by');
    });
  test('fails for a wildcard where not allowed', () => {
    expectFails(() => validateIngressHost(P, F, '*.a.com', false),
      '[test/Thing]', F, '"*.a.com" is a wildcard host', 'allowed here: an exact DNS name');
  });
  test.each(['Svc.example.com', 'a_b.com', 'a..com', ''])('fails for non-DNS host %p', v => {
    expectFails(() => validateIngressHost(P, F, v), '[test/Thing]', F, `${JSON.stringify(v)} is not a valid DNS-1123 subdomain`);
  });
});

describe('labels', () => {
  test.each(['app', 'app.kubernetes.io/name', 'example.com/a_b.c', 'A-b', repeat('k', 63), `x.io/${repeat('k', 63)}`])('validateLabelKey accepts %p', v => {
    expect(validateLabelKey(P, 'metadata.labels', v)).toBe(v);
  });
  test.each(['', '-app', 'app-', repeat('k', 64), 'a/b/c', 'a b', `x.io/${repeat('k', 64)}`, 'x.io/'])('validateLabelKey fails for %p', v => {
    expectFails(() => validateLabelKey(P, 'metadata.labels', v),
      '[test/Thing]', 'metadata.labels', `${JSON.stringify(v)} is not a valid label key`, 'allowed: an optional DNS subdomain prefix');
  });
  test.each(['Example.com/app', '/app', '-x.io/app'])('validateLabelKey fails for bad prefix %p', v => {
    expectFails(() => validateLabelKey(P, 'metadata.labels', v),
      '[test/Thing]', `metadata.labels (prefix of label key ${JSON.stringify(v)})`, 'is not a valid DNS-1123 subdomain');
  });

  test.each(['', 'nginx', 'v1.2_3-x', 'A', repeat('v', 63)])('validateLabelValue accepts %p', v => {
    expect(validateLabelValue(P, 'metadata.labels', v)).toBe(v);
  });
  test.each([repeat('v', 64), '-v', 'v-', '.v', 'a b', 'a/b'])('validateLabelValue fails for %p', v => {
    expectFails(() => validateLabelValue(P, 'metadata.labels', v),
      '[test/Thing]', 'metadata.labels', `${JSON.stringify(v)} is not a valid label value`, 'allowed: empty, or at most 63');
  });

  test('validateLabels checks every key and value and names the key in the field', () => {
    expect(validateLabels(P, 'spec.selector', { app: 'web', 'app.kubernetes.io/part-of': '' })).toEqual({ app: 'web', 'app.kubernetes.io/part-of': '' });
    expectFails(() => validateLabels(P, 'spec.selector', { app: 'web', tier: 'bad value' }),
      '[test/Thing]', 'spec.selector["tier"]', '"bad value" is not a valid label value');
    expectFails(() => validateLabels(P, 'spec.selector', { 'bad key': 'x' }),
      '[test/Thing]', 'spec.selector["bad key"]', '"bad key" is not a valid label key');
  });
  test('validateLabels: empty is fine unless required', () => {
    expect(validateLabels(P, 'metadata.labels', {})).toEqual({});
    expectFails(() => validateLabels(P, 'spec.selector', {}, true), '[test/Thing]', 'spec.selector', 'is empty', 'allowed: at least one label');
  });
});

describe('validateIngressPath', () => {
  const F = 'spec.rules[0].http.paths[0].path';
  const strict = [PathType.PREFIX, PathType.EXACT];

  test.each(['/', '/api', '/api/v1/', '/a.b', '/a..b', '/.well-known', '/a/.b'])('accepts %p for Prefix and Exact', v => {
    for (const t of strict) expect(validateIngressPath(P, F, v, t)).toBe(v);
  });
  test.each([PathType.PREFIX, PathType.EXACT, PathType.IMPLEMENTATION_SPECIFIC])('fails for a relative path (%p)', t => {
    expectFails(() => validateIngressPath(P, F, 'api', t), '[test/Thing]', F, '"api" is not an absolute path', "allowed: a path that begins with '/'");
    expectFails(() => validateIngressPath(P, F, '', t), '"" is not an absolute path');
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
      expectFails(() => validateIngressPath(P, F, v, t), '[test/Thing]', F, JSON.stringify(v), why, `when pathType is ${t}`);
    }
  });
  test.each(['/a//b', '/a/./b', '/a/../b', '/a%2fb', '/a/.', '/a/..', '/(api|web)/.*'])('accepts %p for ImplementationSpecific', v => {
    expect(validateIngressPath(P, F, v, PathType.IMPLEMENTATION_SPECIFIC)).toBe(v);
  });
});

describe('misc rules', () => {
  test('validateIntegerRange', () => {
    expect(validateIntegerRange(P, 'spec.replicas', 0, 0, 1000)).toBe(0);
    expect(validateIntegerRange(P, 'spec.replicas', 1000, 0, 1000)).toBe(1000);
    for (const v of [-1, 1001, 1.5]) {
      expectFails(() => validateIntegerRange(P, 'spec.replicas', v, 0, 1000),
        '[test/Thing]', 'spec.replicas', `${v} is not allowed`, 'allowed: an integer from 0 to 1000');
    }
  });
  test('validateImage', () => {
    expect(validateImage(P, 'image', 'nginx:1.27')).toBe('nginx:1.27');
    expect(validateImage(P, 'image', 'registry.example.com:5000/team/app@sha256:abc')).toBe('registry.example.com:5000/team/app@sha256:abc');
    for (const v of ['', 'nginx 1.27', ' nginx', 'nginx\t']) {
      expectFails(() => validateImage(P, 'image', v), '[test/Thing]', 'image', `${JSON.stringify(v)} is not a valid image reference`, 'allowed: a non-empty reference');
    }
  });
  test('validateOneOf', () => {
    expect(validateOneOf(P, 'spec.type', 'B', ['A', 'B'])).toBe('B');
    expectFails(() => validateOneOf(P, 'spec.type', 'C' as 'A', ['A', 'B']), '[test/Thing]', 'spec.type', '"C" is not allowed', 'allowed: "A", "B"');
  });
});

describe('naming', () => {
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
  ])('kebabFromId(%p) = %p', (id, expected) => {
    expect(kebabFromId(id)).toBe(expected);
  });

  test('resolveName uses the explicit name, else the kebab id', () => {
    const chart = Testing.chart();
    expect(resolveName(chart, 'Pod1HostPort', undefined, NameKind.DNS1123_SUBDOMAIN)).toBe('pod1-host-port');
    expect(resolveName(chart, 'Pod1HostPort', 'custom.name', NameKind.DNS1123_SUBDOMAIN)).toBe('custom.name');
  });

  test('fails for a derived invalid name and says to set props.name', () => {
    const chart = Testing.chart();
    expectFails(() => resolveName(chart, '!!!', undefined, NameKind.DNS1123_SUBDOMAIN),
      '[test/!!!] metadata.name: "" is not a valid DNS-1123 subdomain', 'derived from construct id "!!!"', 'set props.name');
  });

  test('fails for a Service name that starts with a digit (DNS-1035)', () => {
    const chart = Testing.chart();
    expect(resolveName(chart, '1Svc', undefined, NameKind.DNS1123_SUBDOMAIN)).toBe('1-svc');
    const e = expectFails(() => resolveName(chart, '1Svc', undefined, NameKind.DNS1035_LABEL),
      '[test/1Svc] metadata.name: "1-svc" is not a valid DNS-1035 label', 'starting with a letter', 'set props.name');
    expect(e.message.match(/\[test\/1Svc\]/g)).toHaveLength(1);
    expectFails(() => resolveName(chart, 'Svc', '1svc', NameKind.DNS1035_LABEL), '[test/Svc] metadata.name: "1svc" is not a valid DNS-1035 label');
    expect(thrownMessage(() => resolveName(chart, 'Svc', '1svc', NameKind.DNS1035_LABEL))).not.toContain('set props.name');
  });
});

function thrownMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

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
