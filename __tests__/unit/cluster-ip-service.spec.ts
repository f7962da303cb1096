import { Testing } from 'cdk8s';
import { ClusterIpService, ClusterIpServiceProps, Protocol } from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

const BASE: ClusterIpServiceProps = { selector: { app: 'svc1' }, port: 8888, targetPort: 8080 };

function synthService(props: Partial<ClusterIpServiceProps> = {}, id = 'Svc1ClusterIp'): { svc: ClusterIpService; manifest: any[] } {
  const chart = Testing.chart();
  const svc = new ClusterIpService(chart, id, { ...BASE, ...props });
  return { svc, manifest: Testing.synth(chart) };
}

function build(props: Partial<ClusterIpServiceProps>, id = 'Svc'): () => ClusterIpService {
  return () => new ClusterIpService(Testing.chart(), id, { ...BASE, ...props });
}

test('defaults', () => {
  const { svc, manifest } = synthService();
  expect(manifest).toMatchSnapshot();
  expect(manifest).toHaveLength(1);
  const [obj] = manifest;
  expect(obj.apiVersion).toBe('v1');
  expect(obj.kind).toBe('Service');
  expect(obj.metadata).toEqual({ name: 'svc1-cluster-ip' });
  expect(obj.spec).toEqual({
    type: 'ClusterIP',
    selector: { app: 'svc1' },
    ports: [{ port: 8888, targetPort: 8080, protocol: 'TCP' }],
  });
  expect(svc.name).toBe('svc1-cluster-ip');
  expect(svc.selector).toEqual({ app: 'svc1' });
  expect(svc.port).toBe(8888);
  expect(svc.targetPort).toBe(8080);
  expect(svc.protocol).toBe(Protocol.TCP);
  expect(svc.portName).toBeUndefined();
});

test('targetPort defaults to port; port name, protocol, labels', () => {
  const { svc, manifest } = synthService({
    targetPort: undefined, port: 443, portName: 'https', protocol: Protocol.SCTP, name: 'secure', labels: { team: 'web' },
    selector: { app: 'web', 'app.kubernetes.io/part-of': 'shop' },
  });
  expect(manifest).toMatchSnapshot();
  const [obj] = manifest;
  expect(obj.metadata).toEqual({ name: 'secure', labels: { team: 'web' } });
  expect(obj.spec.selector).toEqual({ app: 'web', 'app.kubernetes.io/part-of': 'shop' });
  expect(obj.spec.ports).toEqual([{ name: 'https', port: 443, targetPort: 443, protocol: 'SCTP' }]);
  expect(svc.targetPort).toBe(443);
  expect(svc.portName).toBe('https');
});

test('the selector is copied', () => {
  const selector = { app: 'x' };
  const { svc } = synthService({ selector });
  selector.app = 'changed';
  expect(svc.selector).toEqual({ app: 'x' });
});

describe('fails', () => {
  test('fails for an empty selector', () => {
    expectFails(build({ selector: {} }), '[test/Svc]', 'spec.selector', 'is empty', 'allowed: at least one label');
  });
  test('fails for a bad selector key and value', () => {
    expectFails(build({ selector: { 'bad key': 'x' } }), '[test/Svc]', 'spec.selector["bad key"]', '"bad key" is not a valid label key');
    expectFails(build({ selector: { app: 'x y' } }), '[test/Svc]', 'spec.selector["app"]', '"x y" is not a valid label value');
  });
  test('fails for bad Service labels', () => {
    expectFails(build({ labels: { '-x': 'y' } }), '[test/Svc]', 'metadata.labels["-x"]', '"-x" is not a valid label key');
  });
  test.each([0, 65536, 1.5])('fails for port %p', v => {
    expectFails(build({ port: v }), '[test/Svc]', 'spec.ports[0].port', `${v} is not a valid port number`, '1 to 65535');
  });
  test.each([0, 65536])('fails for targetPort %p', v => {
    expectFails(build({ targetPort: v }), '[test/Svc]', 'spec.ports[0].targetPort', `${v} is not a valid port number`);
  });
  test('fails for a bad protocol', () => {
    expectFails(build({ protocol: 'tcp' as Protocol }), '[test/Svc]', 'spec.ports[0].protocol', '"tcp" is not allowed');
  });
  test('fails for a port name longer than 15 characters', () => {
    expectFails(build({ portName: 'https-backend-01' }), '[test/Svc]', 'spec.ports[0].name', '"https-backend-01"', 'must be 1-15 characters (has 16)');
  });
  test('fails for a port name with uppercase', () => {
    expectFails(build({ portName: 'Http' }), '[test/Svc]', 'spec.ports[0].name', '"Http" is not a valid DNS-1123 label');
  });
  test('fails for a port name without a letter', () => {
    expectFails(build({ portName: '8080' }), '[test/Svc]', 'spec.ports[0].name', '"8080"', 'at least one letter');
  });
  test('fails for a name that starts with a digit (DNS-1035)', () => {
    expectFails(build({ name: '1svc' }), '[test/Svc]', 'metadata.name', '"1svc" is not a valid DNS-1035 label');
    expectFails(build({}, '1Svc'), '[test/1Svc]', 'metadata.name', '"1-svc" is not a valid DNS-1035 label', 'set props.name');
  });
});

test('one error lists every problem (selector and port)', () => {
  const e = expectFails(build({ selector: {}, port: 0 }));
  expect(e.problems).toHaveLength(2);
  expect(e.message.split('\n')).toEqual([
    "[test/Svc] spec.selector: is empty; allowed: at least one label (an empty selector would select nothing for a Service's endpoints)",
    '[test/Svc] spec.ports[0].port: 0 is not a valid port number; allowed: an integer from 1 to 65535',
  ]);
});
