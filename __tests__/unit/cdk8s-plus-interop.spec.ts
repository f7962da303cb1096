/**
 * A cdk8s-plus workload works as the selector source of the Services (`deployment.matchLabels`),
 * and the app-wide checks see its pods: with cdk8s-plus-27 (Kubernetes 1.27, no more releases)
 * and cdk8s-plus-33 (what `cdk8s init typescript-app` brings today). Neither is a dependency of
 * the library (its Kubernetes bindings are its own, imports/k8s.ts); both are dev dependencies.
 */
import { Testing } from 'cdk8s';
import * as kplus27 from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { CrossObjectChecks, HttpIngress, NodePortService, TlsIngress, TlsMode } from '../../constructs';

/** What the two cdk8s-plus versions have in common that these tests use. */
type Kplus = Pick<typeof kplus33, 'Deployment' | 'LabelSelector' | 'Service'>;

describe.each([['cdk8s-plus-27', kplus27 as unknown as Kplus], ['cdk8s-plus-33', kplus33 as Kplus]])('%s', (_name, kplus) => {
  test('a NodePortService selects a cdk8s-plus Deployment through its matchLabels', () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'Web', {
      select: false,
      podMetadata: { labels: { app: 'web' } },
      containers: [{ image: 'nginx:1.27', portNumber: 80, securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false } }],
    });
    web.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
    const svc = new NodePortService(chart, 'WebNodePort', { selector: web.matchLabels, port: 8888, targetPort: 80, nodePort: 30888 });

    const objects = Testing.synth(chart);
    const service = objects.find(o => o.kind === 'Service');
    expect(service.spec.selector).toEqual({ app: 'web' });
    expect(svc.selector).toEqual({ app: 'web' });
    const deployment = objects.find(o => o.kind === 'Deployment');
    expect(deployment.spec.template.metadata.labels).toMatchObject({ app: 'web' });
    // the Service's selector matches the cdk8s-plus pods: no "selects no pod" warning
    expect(CrossObjectChecks.of(chart).run()).toEqual([]);
  });

  test('our Ingresses route to a cdk8s-plus Service, and the checks read its ports', () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'nginx:1.27', portNumber: 8080 }] });
    const svc = new kplus.Service(chart, 'WebSvc', { selector: web, ports: [{ port: 80, targetPort: 8080 }] });
    new HttpIngress(chart, 'Plain', { host: 'plain.example.com', backend: { serviceName: svc.name, port: 80 } });
    new TlsIngress(chart, 'Tls', { host: 'a.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'a-tls', backend: { serviceName: svc.name, port: 80 } });
    const ingresses = Testing.synth(chart).filter(o => o.kind === 'Ingress');
    expect(ingresses.map(i => i.spec.rules[0].http.paths[0].backend.service)).toEqual([
      { name: svc.name, port: { number: 80 } }, { name: svc.name, port: { number: 80 } },
    ]);
    expect(CrossObjectChecks.of(chart).run().filter(f => f.rule === 'ingress-backends')).toEqual([]);
    // a port the cdk8s-plus Service does not have is reported
    new HttpIngress(chart, 'WrongPort', { host: 'wrong.example.com', backend: { serviceName: svc.name, port: 81 } });
    expect(CrossObjectChecks.of(chart).run().filter(f => f.path.endsWith('WrongPort')).map(f => f.message)).toEqual([expect.stringMatching(/81/)]);
  });
});
