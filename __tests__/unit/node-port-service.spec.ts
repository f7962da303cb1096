import { Chart, Testing } from 'cdk8s';
import { ExternalTrafficPolicy, NodePortService, NodePortServiceProps } from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

const BASE: NodePortServiceProps = { selector: { app: 'nginx' }, port: 8888, targetPort: 80, nodePort: 30888 };

function synthService(props: Partial<NodePortServiceProps> = {}, id = 'Service1NodePort'): { svc: NodePortService; manifest: any[] } {
  const chart = Testing.chart();
  const svc = new NodePortService(chart, id, { ...BASE, ...props });
  return { svc, manifest: Testing.synth(chart) };
}

function build(props: Partial<NodePortServiceProps>, id = 'Svc'): () => NodePortService {
  return () => new NodePortService(Testing.chart(), id, { ...BASE, ...props });
}

test('defaults', () => {
  const { svc, manifest } = synthService();
  expect(manifest).toMatchSnapshot();
  expect(manifest).toHaveLength(1);
  const [obj] = manifest;
  expect(obj.kind).toBe('Service');
  expect(obj.metadata).toEqual({ name: 'service1-node-port' });
  expect(obj.spec).toEqual({
    type: 'NodePort',
    selector: { app: 'nginx' },
    ports: [{ port: 8888, targetPort: 80, nodePort: 30888, protocol: 'TCP' }],
  });
  // exactly the given labels
  expect(Object.keys(obj.spec.selector)).toEqual(['app']);
  expect(JSON.stringify(obj)).not.toContain('cdk8s.io/metadata.addr');
  expect(svc.nodePort).toBe(30888);
  expect(svc.name).toBe('service1-node-port');
});

test('nodePort allocated by the API server when not given; externalTrafficPolicy', () => {
  const { svc, manifest } = synthService({ nodePort: undefined, externalTrafficPolicy: ExternalTrafficPolicy.LOCAL });
  expect(manifest).toMatchSnapshot();
  expect(manifest[0].spec.ports).toEqual([{ port: 8888, targetPort: 80, protocol: 'TCP' }]);
  expect(manifest[0].spec.externalTrafficPolicy).toBe('Local');
  expect(svc.nodePort).toBeUndefined();
});

test.each([30000, 32767])('nodePort %p is accepted', v => {
  expect(synthService({ nodePort: v }).manifest[0].spec.ports[0].nodePort).toBe(v);
});

test('the same nodePort in two different apps is fine', () => {
  const a = Testing.chart();
  const b = Testing.chart();
  new NodePortService(a, 'Svc', BASE);
  new NodePortService(b, 'Svc', BASE);
  expect(Testing.synth(a)[0].spec.ports[0].nodePort).toBe(30888);
  expect(Testing.synth(b)[0].spec.ports[0].nodePort).toBe(30888);
});

test('two Services without nodePort in one app are fine', () => {
  const chart = Testing.chart();
  new NodePortService(chart, 'A', { ...BASE, nodePort: undefined });
  new NodePortService(chart, 'B', { ...BASE, nodePort: undefined });
  expect(Testing.synth(chart)).toHaveLength(2);
});

test('a Service that failed validation does not hold on to its nodePort', () => {
  const chart = Testing.chart();
  expect(() => new NodePortService(chart, 'Bad', { ...BASE, selector: {} })).toThrow(/spec.selector/);
  new NodePortService(chart, 'Good', BASE);
  expect(Testing.synth(chart)[0].spec.ports[0].nodePort).toBe(30888);
});

describe('fails', () => {
  test.each([29999, 32768, 80])('fails for nodePort %p', v => {
    expectFails(build({ nodePort: v }), '[test/Svc]', 'spec.ports[0].nodePort', `${v} is outside the allowed range 30000-32767`);
  });
  test('fails for nodePort 30000.5, saying it is not an integer', () => {
    expectFails(build({ nodePort: 30000.5 }), '[test/Svc]', 'spec.ports[0].nodePort', '30000.5 is not a valid nodePort: it is not an integer');
  });
  // uniqueness is an app-wide check: construction succeeds, app.synth() reports it
  test('fails at synth for a nodePort used twice in the same app', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    new NodePortService(chart, 'First', BASE);
    new NodePortService(chart, 'Second', BASE);
    expect(() => app.synth()).toThrow(/\[test\/Second\] spec\.ports\[0\]\.nodePort: 30888 is also used by test\/First; .*allowed: a nodePort no other Service uses/);
  });
  test('fails at synth for a nodePort used twice across charts of one app', () => {
    const app = Testing.app();
    new NodePortService(new Chart(app, 'test'), 'First', BASE);
    new NodePortService(new Chart(app, 'other'), 'Second', BASE);
    expect(() => app.synth()).toThrow(/\[other\/Second\] spec\.ports\[0\]\.nodePort: 30888 is also used by test\/First/);
  });
  test('fails for a bad externalTrafficPolicy', () => {
    expectFails(build({ externalTrafficPolicy: 'Node' as ExternalTrafficPolicy }), '[test/Svc]', 'spec.externalTrafficPolicy',
      '"Node" is not allowed', '"Cluster", "Local"');
  });
  test('fails for an empty selector', () => {
    expectFails(build({ selector: {} }), '[test/Svc]', 'spec.selector', 'is empty');
  });
  test('fails for a bad selector label key', () => {
    expectFails(build({ selector: { 'example.com/a/b': 'x' } }), '[test/Svc]', 'spec.selector["example.com/a/b"]', 'is not a valid label key');
  });
  test('fails for targetPort 0', () => {
    expectFails(build({ targetPort: 0 }), '[test/Svc]', 'spec.ports[0].targetPort', '0 is not a valid port number');
  });
  test('fails for port 65536', () => {
    expectFails(build({ port: 65536 }), '[test/Svc]', 'spec.ports[0].port', '65536 is not a valid port number');
  });
  test('fails for a port name longer than 15 characters', () => {
    expectFails(build({ portName: 'abcdefghijklmnop' }), '[test/Svc]', 'spec.ports[0].name', '"abcdefghijklmnop"', '1-15 characters');
  });
});

test('one error lists every problem, of the shared options and of the nodePort', () => {
  const e = expectFails(build({ selector: {}, nodePort: 80 }));
  expect(e.problems).toHaveLength(2);
  expect(e.message.split('\n')).toEqual([
    "[test/Svc] spec.selector: is empty; allowed: at least one label (an empty selector would select nothing for a Service's endpoints)",
    "[test/Svc] spec.ports[0].nodePort: 80 is outside the allowed range 30000-32767 (the API server's default --service-node-port-range)",
  ]);
});
