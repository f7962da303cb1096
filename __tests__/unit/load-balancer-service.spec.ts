import { Chart, Testing } from 'cdk8s';
import {
  ClusterIpService, CrossObjectChecks, ExternalTrafficPolicy, IpFamily, IpFamilyPolicy, LoadBalancerService, LoadBalancerServiceProps,
  NodePortService, Protocol,
} from '../../constructs';
import { expectFails } from '../helpers/expect-fails';
import { expectStrictlyValid } from '../helpers/strict-schemas';

const BASE: LoadBalancerServiceProps = { selector: { app: 'web' }, port: 443, targetPort: 8443, portName: 'https' };

function build(props: Partial<LoadBalancerServiceProps>, id = 'Svc'): () => LoadBalancerService {
  return () => new LoadBalancerService(Testing.chart(), id, { ...BASE, ...props });
}

test('a LoadBalancer Service with the fields that matter', () => {
  const chart = Testing.chart();
  const svc = new LoadBalancerService(chart, 'WebLb', {
    ...BASE,
    loadBalancerClass: 'io.cilium/l2-announcer',
    loadBalancerSourceRanges: ['192.0.2.0/24', '2001:db8::/32'],
    externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
    allocateLoadBalancerNodePorts: false,
    annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'web.example.com' },
    ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK,
    ipFamilies: [IpFamily.IPV4, IpFamily.IPV6],
    additionalPorts: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'quic', port: 443, targetPort: 8443, protocol: Protocol.UDP }],
  });
  const manifest = Testing.synth(chart);
  expect(manifest).toMatchSnapshot();
  const [obj] = manifest;
  expect(obj.metadata).toEqual({ name: 'web-lb', annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'web.example.com' } });
  expect(obj.spec).toEqual({
    type: 'LoadBalancer',
    selector: { app: 'web' },
    loadBalancerClass: 'io.cilium/l2-announcer',
    loadBalancerSourceRanges: ['192.0.2.0/24', '2001:db8::/32'],
    externalTrafficPolicy: 'Local',
    allocateLoadBalancerNodePorts: false,
    ipFamilyPolicy: 'PreferDualStack',
    ipFamilies: ['IPv4', 'IPv6'],
    ports: [
      { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'quic', port: 443, targetPort: 8443, protocol: 'UDP' },
    ],
  });
  expect(svc.loadBalancerClass).toBe('io.cilium/l2-announcer');
  expectStrictlyValid(manifest);
  expect(svc.ports.map(p => `${p.name}:${p.protocol}/${p.port}->${p.targetPort}`)).toEqual(['https:TCP/443->8443', 'http:TCP/80->8080', 'quic:UDP/443->8443']);
});

test('defaults: type LoadBalancer, nothing else set', () => {
  const chart = Testing.chart();
  new LoadBalancerService(chart, 'Lb', { selector: { app: 'web' }, port: 80 });
  expect(Testing.synth(chart)[0].spec).toEqual({ type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
});

test('nodePorts of a LoadBalancer Service are in the range and unique in the app', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'test');
  new LoadBalancerService(chart, 'Lb', { ...BASE, nodePort: 30443 });
  new NodePortService(chart, 'Np', { selector: { app: 'web' }, port: 80, nodePort: 30443 });
  expect(() => app.synth()).toThrow(/\[test\/Np\] spec\.ports\[0\]\.nodePort: 30443 is also used by test\/Lb/);
});

describe('fails', () => {
  test('fails for a loadBalancerClass that is not a qualified name', () => {
    expectFails(build({ loadBalancerClass: 'a/b/c' }), '[test/Svc]', 'spec.loadBalancerClass', '"a/b/c" is not a valid loadBalancerClass');
  });
  test('fails for a source range that is not a CIDR, and for one listed twice', () => {
    const e = expectFails(build({ loadBalancerSourceRanges: ['10.0.0.0/33', '192.0.2.0/24', '192.0.2.0/24'] }));
    expect(e.message).toContain('spec.loadBalancerSourceRanges[0]: "10.0.0.0/33" is not a valid CIDR');
    expect(e.message).toContain('spec.loadBalancerSourceRanges[2]: "192.0.2.0/24" is listed twice');
  });
  test('fails for a bad externalTrafficPolicy', () => {
    expectFails(build({ externalTrafficPolicy: 'Node' as ExternalTrafficPolicy }), 'spec.externalTrafficPolicy', '"Node" is not allowed');
  });
  test('fails for a nodePort outside the range', () => {
    expectFails(build({ nodePort: 8080 }), 'spec.ports[0].nodePort', '8080 is outside the allowed range 30000-32767');
  });
});

describe('several ports', () => {
  test('fails when the first port has no name and there are several', () => {
    expectFails(build({ portName: undefined, additionalPorts: [{ name: 'http', port: 80 }] }), '[test/Svc]', 'spec.ports[0].name: is required');
  });
  test('fails for a port name used twice', () => {
    expectFails(build({ additionalPorts: [{ name: 'https', port: 8443 }] }), 'spec.ports[1].name', '"https" port name is also used by spec.ports[0]');
  });
  test('fails for the same port and protocol twice; the same port over UDP is fine', () => {
    expectFails(build({ additionalPorts: [{ name: 'again', port: 443 }] }), 'spec.ports[1].port', '443 TCP port is also used by spec.ports[0]');
    expect(build({ additionalPorts: [{ name: 'quic', port: 443, protocol: Protocol.UDP }] })().ports).toHaveLength(2);
  });
  test('fails for the same nodePort twice in one Service', () => {
    expectFails(build({ nodePort: 30443, additionalPorts: [{ name: 'http', port: 80, nodePort: 30443 }] }), 'spec.ports[1].nodePort',
      '30443 TCP nodePort is also used by spec.ports[0]');
  });
  test('each additional port is checked', () => {
    const e = expectFails(build({ additionalPorts: [{ name: 'Bad_Name', port: 0, targetPort: 70000 }] }));
    expect(e.message).toContain('spec.ports[1].port: 0 is not a valid port number');
    expect(e.message).toContain('spec.ports[1].targetPort: 70000 is not a valid port number');
    expect(e.message).toContain('spec.ports[1].name: "Bad_Name"');
  });
  test('fails for a nodePort on a ClusterIP Service', () => {
    expectFails(() => new ClusterIpService(Testing.chart(), 'Svc', { selector: { app: 'a' }, port: 80, portName: 'http',
      additionalPorts: [{ name: 'metrics', port: 9090, nodePort: 30090 }] }),
    'spec.ports[1].nodePort', "may not be used when `type` is 'ClusterIP'");
  });
  test('a ClusterIP Service with two named ports (valid twin)', () => {
    const chart = Testing.chart();
    new ClusterIpService(chart, 'Svc', { selector: { app: 'a' }, port: 80, portName: 'http', additionalPorts: [{ name: 'metrics', port: 9090 }] });
    expect(Testing.synth(chart)[0].spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }, { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
    ]);
  });
});

describe('annotations and IP families', () => {
  test('fails for a bad annotation key', () => {
    expectFails(build({ annotations: { 'a/b/c': 'x' } }), 'metadata.annotations["a/b/c"]', 'is not a valid annotation key');
  });
  test('fails for two families with a single-stack policy', () => {
    expectFails(build({ ipFamilies: [IpFamily.IPV4, IpFamily.IPV6] }), 'spec.ipFamilyPolicy', 'two ipFamilies need a dual-stack policy');
  });
  test('fails for the same family twice and an unknown family', () => {
    const e = expectFails(build({ ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK, ipFamilies: [IpFamily.IPV6, IpFamily.IPV6, 'IPv5' as IpFamily] }));
    expect(e.message).toContain('spec.ipFamilies[1]: "IPv6" is listed twice');
    expect(e.message).toContain('spec.ipFamilies[2]: "IPv5" is not allowed');
    expect(e.message).toContain('spec.ipFamilies: lists 3 families');
  });
  test('fails for an unknown policy', () => {
    expectFails(build({ ipFamilyPolicy: 'DualStack' as IpFamilyPolicy }), 'spec.ipFamilyPolicy', '"DualStack" is not allowed');
  });
  test('single stack IPv6 (valid twin)', () => {
    const chart = Testing.chart();
    new LoadBalancerService(chart, 'Lb', { ...BASE, ipFamilyPolicy: IpFamilyPolicy.SINGLE_STACK, ipFamilies: [IpFamily.IPV6] });
    expect(Testing.synth(chart)[0].spec).toMatchObject({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] });
  });
});

describe('the app\'s nodePort range', () => {
  test('a declared range is used by the constructors', () => {
    const app = Testing.app();
    CrossObjectChecks.declareNodePortRange(app, 20000, 22767);
    const chart = new Chart(app, 'test');
    new NodePortService(chart, 'Ok', { selector: { app: 'a' }, port: 80, nodePort: 20080 });
    expectFails(() => new NodePortService(chart, 'Bad', { selector: { app: 'a' }, port: 80, nodePort: 30080 }),
      '[test/Bad] spec.ports[0].nodePort: 30080 is outside the allowed range 20000-22767 (the --service-node-port-range declared for this app)');
    expect(app.synth).toBeDefined();
    app.synth();
  });
  test('fails at synth for a raw Service\'s nodePort outside the declared range, or a Service made before the range was declared', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    new NodePortService(chart, 'Early', { selector: { app: 'a' }, port: 80, nodePort: 30080 });
    CrossObjectChecks.declareNodePortRange(app, 20000, 22767);
    expect(() => app.synth()).toThrow(/\[test\/Early\] spec\.ports\[0\]\.nodePort: 30080 is outside the allowed range 20000-22767/);
  });
  test('fails for a range that is not one', () => {
    expectFails(() => CrossObjectChecks.declareNodePortRange(Testing.app(), 32767, 30000), 'props.max', '30000 is below min 32767');
    expectFails(() => CrossObjectChecks.declareNodePortRange(Testing.app(), 0, 70000), 'props.min: 0 is not a valid port', 'props.max: 70000');
  });
});
