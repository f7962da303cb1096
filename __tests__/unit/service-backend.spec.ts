/** Backends from a Service construct (`ServiceBackend.fromService`): the name and port come from the Service. */
import { Testing } from 'cdk8s';
import { ClusterIpService, HttpIngress, ServiceBackend, TlsIngress, TlsMode } from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

function service() {
  const chart = Testing.chart();
  const svc = new ClusterIpService(chart, 'Web', { selector: { app: 'web' }, port: 8080, targetPort: 80, portName: 'http' });
  return { chart, svc };
}

test('the backend is the Service\'s name and port', () => {
  const { chart, svc } = service();
  const ingress = new HttpIngress(chart, 'Ing', { host: 'web.example.com', backend: ServiceBackend.fromService(svc) });
  expect(ingress.backend).toEqual({ serviceName: 'web', port: 8080 });
  const [, obj] = Testing.synth(chart);
  expect(obj.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'web', port: { number: 8080 } });
});

test('by port name when asked', () => {
  const { chart, svc } = service();
  const ingress = new TlsIngress(chart, 'Ing', {
    host: 'web.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'web-tls', backend: ServiceBackend.fromService(svc, { portName: 'http' }),
  });
  expect(ingress.backend).toEqual({ serviceName: 'web', portName: 'http' });
});

describe('fails', () => {
  test('fails for a port the Service does not have', () => {
    const { svc } = service();
    expectFails(() => ServiceBackend.fromService(svc, { port: 80 }), '[ServiceBackend.fromService]', 'options.port', '80 is not a port of Service "web"',
      'allowed: 8080');
  });
  test('fails for a port name the Service does not have', () => {
    const { svc } = service();
    expectFails(() => ServiceBackend.fromService(svc, { portName: 'https' }), 'options.portName', '"https" is not a port name', 'allowed: "http"');
  });
  test('fails for both port and portName', () => {
    const { svc } = service();
    expectFails(() => ServiceBackend.fromService(svc, { port: 8080, portName: 'http' }), 'options.portName', 'allowed: one of them');
  });
});
