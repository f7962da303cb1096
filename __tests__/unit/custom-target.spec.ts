/**
 * A third target written outside the library, through the public API only (docs/architecture.md,
 * "Writing a target"): it renders each exposure as a ConfigMap. HttpIngress and TlsIngress work
 * with it unchanged, and nothing of the built-in targets leaks in.
 */
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CrossObjectChecks, Exposure, HttpIngress, IRoutingTarget, Routing, RoutingTarget, TlsIngress, TlsMode,
} from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

/** The whole target: one object per exposure, with the exposure's fields as data. */
class ConfigMapTarget implements IRoutingTarget {
  public readonly rendered: Exposure[] = [];

  public render(scope: Construct, exposure: Exposure): void {
    this.rendered.push(exposure);
    new ApiObject(scope, 'Resource', {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: exposure.name, labels: exposure.labels },
      data: {
        host: exposure.host, path: exposure.path, pathType: exposure.pathType,
        backend: `${exposure.backend.serviceName}:${exposure.backend.port ?? exposure.backend.portName}`,
        backendProtocol: exposure.backendProtocol,
        tls: exposure.tls ? `${exposure.tls.mode} ${exposure.tls.secretName ?? '-'}` : 'none',
      },
    });
  }
}

function appWith(target: IRoutingTarget): { app: App; chart: Chart } {
  const app = Testing.app();
  Routing.of(app).use(target);
  return { app, chart: new Chart(app, 'web', { namespace: 'shop' }) };
}

test('HttpIngress and TlsIngress render through a target defined outside the library', () => {
  const target = new ConfigMapTarget();
  const { chart } = appWith(target);
  const http = new HttpIngress(chart, 'Web', { host: 'web.example.com', backend: { serviceName: 'web', port: 80 }, labels: { team: 'a' } });
  const tls = new TlsIngress(chart, 'Shop', {
    host: 'shop.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'shop-tls', backend: { serviceName: 'shop', portName: 'http' },
  });

  const objects = Testing.synth(chart);
  expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/web', 'ConfigMap/shop']);
  expect(objects[0].data).toEqual({ host: 'web.example.com', path: '/', pathType: 'Prefix', backend: 'web:80', backendProtocol: 'HTTP', tls: 'none' });
  expect(objects[0].metadata.labels).toEqual({ team: 'a' });
  expect(objects[1].data.tls).toBe('TERMINATION shop-tls');
  expect(objects[1].data.backend).toBe('shop:http');
  // the exposure is plain data: the namespace of the chart, no Ingress-only field
  expect(target.rendered[0]).toMatchObject({ name: 'web', namespace: 'shop', host: 'web.example.com' });
  expect(Object.keys(target.rendered[1].tls!).sort()).toEqual(['backendVerification', 'issuerAnnotations', 'mode', 'secretName']);
  expect(http.apiObject.kind).toBe('ConfigMap');
  expect(tls.apiObject.kind).toBe('ConfigMap');
  expect(tls.tlsSecretName).toBe('shop-tls');
});

test('an app runs the app-wide checks of the targets it uses, not of every target loaded', () => {
  // a hand-written passthrough Ingress: ingress-nginx's checks warn about it (no controller with the flag in the app)
  const passthrough = (chart: Chart) => new ApiObject(chart, 'Raw', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { name: 'raw', annotations: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true' } },
    spec: { ingressClassName: 'nginx', rules: [{ host: 'raw.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'raw', port: { number: 443 } } } }] } }] },
  });
  const withNginx = Testing.app();
  const nginxChart = new Chart(withNginx, 'web');
  new HttpIngress(nginxChart, 'Web', { host: 'web.example.com', backend: { serviceName: 'web', port: 80 } });
  passthrough(nginxChart);
  expect(CrossObjectChecks.of(withNginx).run().map(f => f.rule)).toContain('ssl-passthrough');

  const { app, chart } = appWith(new ConfigMapTarget());
  new HttpIngress(chart, 'Web', { host: 'web.example.com', backend: { serviceName: 'web', port: 80 } });
  passthrough(chart);
  const rules = CrossObjectChecks.of(app).run().map(f => f.rule);
  expect(rules).not.toContain('ssl-passthrough');
  // the neutral checks still read the hand-written Ingress (its backend Service is not in the app)
  expect(rules).toContain('ingress-backend');
});

test('the neutral rules still apply before the target is called', () => {
  const target = new ConfigMapTarget();
  const { chart } = appWith(target);
  expectFails(() => new HttpIngress(chart, 'Bad', { host: '10.0.0.1', backend: { serviceName: 'web', port: 80 } }),
    '[web/Bad]', 'spec.rules[0].host', 'is an IP address');
  expect(target.rendered).toEqual([]);
  expect(chart.node.tryFindChild('Bad')).toBeUndefined();
});

test('one error lists every problem of a construct', () => {
  const { chart } = appWith(new ConfigMapTarget());
  let error: any;
  try {
    new HttpIngress(chart, 'Bad', { host: '10.0.0.1', path: 'api', backend: { serviceName: 'Web', port: 0 } });
  } catch (e) {
    error = e;
  }
  expect(error.problems.map((p: any) => p.field)).toEqual([
    'spec.rules[0].host', 'spec.rules[0].http.paths[0].path',
    'spec.rules[0].http.paths[0].backend.service.name', 'spec.rules[0].http.paths[0].backend.service.port.number',
  ]);
  expect(error.message.split('\n')).toHaveLength(4);
  expect(error.message.split('\n').every((line: string) => line.startsWith('[web/Bad] '))).toBe(true);
});

test('a chart can choose another target than its app; the built-in ones stay available', () => {
  const target = new ConfigMapTarget();
  const app = Testing.app();
  Routing.of(app).use(RoutingTarget.ingressNginx());
  const custom = new Chart(app, 'custom');
  Routing.of(custom).use(target);
  new HttpIngress(custom, 'A', { host: 'a.example.com', backend: { serviceName: 'a', port: 80 } });
  const nginx = new Chart(app, 'nginx');
  new HttpIngress(nginx, 'B', { host: 'b.example.com', backend: { serviceName: 'b', port: 80 } });
  expect(Testing.synth(custom)[0].kind).toBe('ConfigMap');
  expect(Testing.synth(nginx)[0].kind).toBe('Ingress');
  expect(Routing.of(custom).target).toBe(target);
});
