import { Testing } from 'cdk8s';
import { ExternalIpService, ExternalIpServiceProps } from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

const BASE: ExternalIpServiceProps = { selector: { app: 'nginx' }, port: 80, externalIPs: ['10.119.12.4'] };

function synthService(props: Partial<ExternalIpServiceProps> = {}, id = 'Service2ExternalIp'): { svc: ExternalIpService; manifest: any[] } {
  const chart = Testing.chart();
  const svc = new ExternalIpService(chart, id, { ...BASE, ...props });
  return { svc, manifest: Testing.synth(chart) };
}

function build(props: Partial<ExternalIpServiceProps>, id = 'Svc'): () => ExternalIpService {
  return () => new ExternalIpService(Testing.chart(), id, { ...BASE, ...props });
}

test('defaults', () => {
  const { svc, manifest } = synthService();
  expect(manifest).toMatchSnapshot();
  expect(manifest).toHaveLength(1);
  const [obj] = manifest;
  expect(obj.kind).toBe('Service');
  expect(obj.metadata).toEqual({ name: 'service2-external-ip' });
  expect(obj.spec).toEqual({
    type: 'ClusterIP',
    selector: { app: 'nginx' },
    externalIPs: ['10.119.12.4'],
    ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }],
  });
  expect(obj.spec.ports[0].nodePort).toBeUndefined();
  expect(svc.externalIPs).toEqual(['10.119.12.4']);
});

test('private, public and IPv6 addresses in order', () => {
  const ips = ['192.168.1.10', '10.0.0.1', '203.0.113.7', '2001:db8::10'];
  const { svc, manifest } = synthService({ externalIPs: ips, port: 8080, targetPort: 80 });
  expect(manifest).toMatchSnapshot();
  expect(manifest[0].spec.externalIPs).toEqual(ips);
  expect(manifest[0].spec.type).toBe('ClusterIP');
  expect(manifest[0].spec.ports).toEqual([{ port: 8080, targetPort: 80, protocol: 'TCP' }]);
  expect(svc.externalIPs).toEqual(ips);
});

test('the externalIPs are copied', () => {
  const ips = ['10.0.0.1'];
  const { svc, manifest } = synthService({ externalIPs: ips });
  ips.push('10.0.0.2');
  expect(svc.externalIPs).toEqual(['10.0.0.1']);
  expect(manifest[0].spec.externalIPs).toEqual(['10.0.0.1']);
});

describe('fails', () => {
  test('fails for empty externalIPs', () => {
    expectFails(build({ externalIPs: [] }), '[test/Svc]', 'spec.externalIPs', 'is empty', 'allowed: at least one IP address');
  });
  test.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.10.10', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.5', 'link-local multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
  ])('fails for special externalIP %p', (ip, why) => {
    expectFails(build({ externalIPs: ['10.0.0.1', ip] }), '[test/Svc]', 'spec.externalIPs[1]', JSON.stringify(ip), why, 'allowed: a routable IP');
  });
  test.each(['1.2.3', 'node1.example.com', '10.0.0.0/8'])('fails for invalid externalIP %p', ip => {
    expectFails(build({ externalIPs: [ip] }), '[test/Svc]', 'spec.externalIPs[0]', `${JSON.stringify(ip)} is not a valid IP address`);
  });
  test('fails for a duplicate externalIP', () => {
    expectFails(build({ externalIPs: ['10.0.0.1', '10.0.0.2', '10.0.0.1'] }), '[test/Svc]', 'spec.externalIPs[2]', '"10.0.0.1" is listed twice',
      'allowed: each IP once');
  });
  test('fails for an empty selector', () => {
    expectFails(build({ selector: {} }), '[test/Svc]', 'spec.selector', 'is empty');
  });
  test('fails for port 0', () => {
    expectFails(build({ port: 0 }), '[test/Svc]', 'spec.ports[0].port', '0 is not a valid port number');
  });
  test('fails for targetPort 0', () => {
    expectFails(build({ targetPort: 0 }), '[test/Svc]', 'spec.ports[0].targetPort', '0 is not a valid port number');
  });
  test('fails for a port name longer than 15 characters', () => {
    expectFails(build({ portName: 'external-traffic' }), '[test/Svc]', 'spec.ports[0].name', '"external-traffic"', '1-15 characters');
  });
});

test('one error lists every problem (port and each bad externalIP)', () => {
  const e = expectFails(build({ port: 0, externalIPs: ['127.0.0.1', '10.0.0.1', '10.0.0.1'] }));
  expect(e.problems).toHaveLength(3);
  expect(e.message.split('\n')).toEqual([
    '[test/Svc] spec.ports[0].port: 0 is not a valid port number; allowed: an integer from 1 to 65535',
    '[test/Svc] spec.externalIPs[0]: "127.0.0.1" is a loopback address (127.0.0.0/8); allowed: a routable IP of a node or a floating IP that reaches the nodes',
    '[test/Svc] spec.externalIPs[2]: "10.0.0.1" is listed twice; allowed: each IP once',
  ]);
});
