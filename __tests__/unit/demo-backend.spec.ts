import { App, Chart, Testing } from 'cdk8s';
import {
  CertificateAuthority, DEMO_BACKEND_CONFIG_DIR, DEMO_BACKEND_IMAGE, DEMO_BACKEND_TLS_DIR, DEMO_BACKEND_UID, DemoBackend, DemoBackendProps,
  TlsCertificate,
} from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

function synth(props: DemoBackendProps, id = 'Svc2Backend'): { backend: DemoBackend; objs: any[]; chart: Chart } {
  const chart = Testing.chart();
  const backend = new DemoBackend(chart, id, props);
  return { backend, objs: chart.toJson(), chart };
}

describe('HTTP (the default)', () => {
  const { backend, objs } = synth({ serviceName: 'svc1' }, 'Svc1Backend');
  const configMap = objs.find(o => o.kind === 'ConfigMap');
  const deployment = objs.find(o => o.kind === 'Deployment');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  test('the ConfigMap answers with the seed\'s reply on 8080, no TLS', () => {
    expect(configMap.metadata.name).toBe('svc1-backend-nginx');
    expect(configMap.data['server.conf']).toContain('listen 8080;');
    expect(configMap.data['server.conf']).toContain('return 200 "Hello, I am svc1 for ingress-controller demo!";');
    expect(configMap.data['server.conf']).not.toContain('ssl');
    expect(configMap.data['nginx.conf']).toContain('include /etc/nginx/demo/server.conf;');
    expect(configMap.data['nginx.conf']).toContain('pid /tmp/nginx.pid;');
    expect(backend.https).toBe(false);
    expect(backend.message).toBe('Hello, I am svc1 for ingress-controller demo!');
    expect(backend.serverConf).toBe(configMap.data['server.conf']);
  });

  test('the Deployment runs the stock unprivileged nginx, non-root with a read-only root', () => {
    expect(deployment.metadata.name).toBe('svc1-backend');
    expect(deployment.spec.selector.matchLabels).toEqual({ app: 'svc1-backend' });
    expect(container.image).toBe(DemoBackend.DEFAULT_IMAGE);
    expect(container.image).toBe('nginxinc/nginx-unprivileged:1.28-alpine');
    expect(container.command).toEqual(['nginx', '-c', '/etc/nginx/demo/nginx.conf', '-e', 'stderr', '-g', 'daemon off;']);
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 101, runAsGroup: 101, fsGroup: 101, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/', port: 8080, scheme: 'HTTP' });
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['config', 'tmp']);
    expect(container.volumeMounts).toEqual([
      { name: 'config', mountPath: '/etc/nginx/demo', readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
    ]);
  });

  test('the image, user and mount points are DemoBackend\'s constants', () => {
    expect(DemoBackend.UID).toBe(101);
    expect(pod.securityContext.runAsUser).toBe(DemoBackend.UID);
    expect(container.volumeMounts[0].mountPath).toBe(DemoBackend.CONFIG_DIR);
    expect(DemoBackend.TLS_DIR).toBe('/etc/nginx/tls');
  });

  test('the deprecated DEMO_BACKEND_* constants still hold the same values', () => {
    expect([DEMO_BACKEND_IMAGE, DEMO_BACKEND_UID, DEMO_BACKEND_CONFIG_DIR, DEMO_BACKEND_TLS_DIR])
      .toEqual([DemoBackend.DEFAULT_IMAGE, DemoBackend.UID, DemoBackend.CONFIG_DIR, DemoBackend.TLS_DIR]);
    expect(DEMO_BACKEND_IMAGE).toBe('nginxinc/nginx-unprivileged:1.28-alpine');
  });

  test('same input, same bytes', () => {
    expect(JSON.stringify(synth({ serviceName: 'svc1' }, 'Svc1Backend').objs)).toBe(JSON.stringify(objs));
  });
});

describe('HTTPS', () => {
  test('with a secret from a CertificateAuthority: listens with ssl and mounts tls.crt/tls.key', () => {
    const chart = Testing.chart();
    const ca = new CertificateAuthority(chart, 'LabCa');
    ca.addServerCertificate('Svc4Backend', { dnsNames: ['svc4-cluster-ip', 'svc4-cluster-ip.default.svc'] });
    const backend = new DemoBackend(chart, 'Svc4', { serviceName: 'svc4', tlsSecretName: 'svc4-backend-tls' });
    const objs = chart.toJson();
    const cm = objs.find(o => o.kind === 'ConfigMap');
    expect(cm.data['server.conf']).toContain('listen 8080 ssl;');
    expect(cm.data['server.conf']).toContain('ssl_certificate /etc/nginx/tls/tls.crt;');
    expect(cm.data['server.conf']).toContain('ssl_certificate_key /etc/nginx/tls/tls.key;');
    expect(cm.data['server.conf']).toContain('return 200 "Hello, I am svc4 for ingress-controller demo!";');
    const pod = objs.find(o => o.kind === 'Deployment').spec.template.spec;
    expect(pod.volumes[2]).toEqual({ name: 'tls', secret: { secretName: 'svc4-backend-tls', defaultMode: 0o440, items: [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key' }] } });
    expect(pod.containers[0].readinessProbe.httpGet.scheme).toBe('HTTPS');
    expect(pod.containers[0].ports[0].name).toBe('https');
    expect(backend.https).toBe(true);
    expect(backend.tlsSecretName).toBe('svc4-backend-tls');
  });

  test('with TlsCertificate.fromSecretName: the secret is declared external', () => {
    const { backend } = synth({ serviceName: 'svc5', certificate: TlsCertificate.fromSecretName('secret-tls-svc5') });
    expect(backend.tlsSecretName).toBe('secret-tls-svc5');
  });

  test('an undefined TLS secret is reported by the app-wide checks', () => {
    const chart = Testing.chart();
    new DemoBackend(chart, 'Svc4', { serviceName: 'svc4', tlsSecretName: 'nowhere-tls' });
    expect(() => chart.toJson()).toThrow(/Secret "nowhere-tls" .* is neither defined in this app nor declared external/);
  });

  test('custom message, port, replicas, labels, image and name', () => {
    const { objs } = synth({ serviceName: 'svc6', message: 'Hi from svc6', containerPort: 9443, replicas: 2, labels: { app: 'demo', experiment: 'svc6' }, image: 'nginxinc/nginx-unprivileged:1.27', name: 'svc6-deployment' });
    const d = objs.find(o => o.kind === 'Deployment');
    expect(d.metadata.name).toBe('svc6-deployment');
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.selector.matchLabels).toEqual({ app: 'demo', experiment: 'svc6' });
    expect(d.spec.template.spec.containers[0].image).toBe('nginxinc/nginx-unprivileged:1.27');
    expect(objs.find(o => o.kind === 'ConfigMap').data['server.conf']).toContain('listen 9443;');
    expect(objs.find(o => o.kind === 'ConfigMap').data['server.conf']).toContain('return 200 "Hi from svc6";');
  });
});

describe('rules', () => {
  const chart = (): Chart => Testing.chart();
  test('fails for an invalid serviceName', () => {
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 'Svc 2' }), '[test/B] props.serviceName: "Svc 2" is not a valid DNS-1123 label');
  });
  test('fails for a message that would break the nginx string', () => {
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', message: 'say "hi"' }), 'props.message: "say \\"hi\\"" is not allowed');
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', message: 'cost $host' }), 'props.message');
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', message: 'two\nlines' }), 'props.message');
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', message: '' }), 'props.message');
  });
  test('fails for a privileged or invalid port', () => {
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', containerPort: 443 }), 'props.containerPort: 443 is a privileged port');
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', containerPort: 70000 }), 'props.containerPort: 70000 is not a valid port number');
  });
  test('fails for invalid replicas', () => {
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', replicas: -1 }), 'spec.replicas: -1 is not allowed');
  });
  test('fails for an invalid image', () => {
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', image: 'nginx latest' }), 'spec.template.spec.containers[0].image');
  });
  test('fails for invalid labels', () => {
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', labels: {} }), 'metadata.labels: is empty');
  });
  test('fails for a name the ConfigMap cannot carry', () => {
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', name: 'Bad_Name' }), 'metadata.name: "Bad_Name"');
  });
  test('fails for an invalid tlsSecretName', () => {
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', tlsSecretName: 'TLS' }), 'props.tlsSecretName: "TLS"');
  });
  test('fails with both tlsSecretName and certificate', () => {
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', tlsSecretName: 'a', certificate: TlsCertificate.fromSecretName('b') }),
      'props.certificate: is set together with tlsSecretName "a"');
  });
  test('fails for a cert-manager certificate without a secret name yet', () => {
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', certificate: TlsCertificate.certManager({ issuerName: 'x' }) }),
      'props.certificate: has no secret name yet', 'or use CertificateAuthority.addServerCertificate');
  });
  test('fails for a fromFiles certificate no Ingress synthesises', () => {
    expectFails(() => new DemoBackend(chart(), 'B', { serviceName: 's', certificate: TlsCertificate.fromFiles('/x/a.crt', '/x/a.key', { allowPrivateKeyInManifest: true }) }),
      'props.certificate: is a fromFiles certificate that no TlsIngress uses', 'or CertificateAuthority.addServerCertificate');
  });
});

test('runs in an App with the other checks', () => {
  const app = new App({ outdir: '/nonexistent-never-written' });
  const c = new Chart(app, 'Lab', { disableResourceNameHashes: true });
  new DemoBackend(c, 'Svc3Backend', { serviceName: 'svc3' });
  expect(c.toJson()).toHaveLength(2);
});

test('one error lists every problem (message and containerPort)', () => {
  const e = expectFails(() => new DemoBackend(Testing.chart(), 'B', { serviceName: 's', message: 'say "hi"', containerPort: 443 }));
  expect(e.problems).toHaveLength(2);
  expect(e.message.split('\n')).toEqual([
    `[test/B] props.message: "say \\"hi\\"" is not allowed; allowed: 1-1024 printable ASCII characters without '"', '\\' or '$'`,
    '[test/B] props.containerPort: 443 is a privileged port, which uid 101 cannot bind without NET_BIND_SERVICE; allowed: 1024-65535 (e.g. 8080)',
  ]);
});
