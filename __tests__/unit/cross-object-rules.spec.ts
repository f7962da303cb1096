/**
 * The cross-object reports of issue 10: one Service over different pod templates, plain HTTP next
 * to TLS on one host, two certificates or two TLS modes on one host, an IngressClass no in-app
 * controller serves, and a host port that is also a nodePort.
 */
import { App, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import {
  AppDeployment, ClusterIpService, ControllerKind, CrossObjectChecks, FindingSeverity, HostNetworkPod, HostPortPod, HttpIngress,
  IngressNginxController, NodePortService, TlsIngress, TlsMode,
} from '../../constructs';

const run = (app: App) => CrossObjectChecks.of(app).run();
const ofRule = (app: App, rule: string) => run(app).filter(f => f.rule === rule);
const BACKEND = { serviceName: 'web', port: 80 };
const setup = () => { const app = Testing.app(); return { app, chart: new Chart(app, 'c') }; };
const tls = (chart: Chart, id: string, host: string, tlsSecretName: string) =>
  new TlsIngress(chart, id, { host, mode: TlsMode.TERMINATION, tlsSecretName, backend: BACKEND });

describe('service-pod-templates', () => {
  test('warns when one selector matches two workloads with different templates (the seed\'s app: nginx)', () => {
    const { app, chart } = setup();
    new AppDeployment(chart, 'A', { image: 'nginx:1.27', containerPort: 80, labels: { app: 'nginx' } });
    new AppDeployment(chart, 'B', { image: 'nginx:1.28', containerPort: 80, labels: { app: 'nginx' } });
    new ClusterIpService(chart, 'Svc', { selector: { app: 'nginx' }, port: 80 });
    expect(ofRule(app, 'service-pod-templates')).toEqual([expect.objectContaining({
      severity: FindingSeverity.WARNING, path: 'c/Svc', message: expect.stringContaining('Deployment/a (c/A) and Deployment/b (c/B), which differ'),
    })]);
  });
  test('passes for one workload, for identical templates, and for a selector that tells them apart', () => {
    const { app, chart } = setup();
    new AppDeployment(chart, 'A', { image: 'nginx:1.27', containerPort: 80, labels: { app: 'nginx', part: 'a' } });
    new AppDeployment(chart, 'B', { image: 'nginx:1.28', containerPort: 80, labels: { app: 'nginx', part: 'b' } });
    new ClusterIpService(chart, 'SvcA', { selector: { app: 'nginx', part: 'a' }, port: 80 });
    new AppDeployment(chart, 'C', { image: 'nginx:1.27', containerPort: 80, labels: { app: 'same' } });
    new AppDeployment(chart, 'D', { image: 'nginx:1.27', containerPort: 80, labels: { app: 'same' } });
    new ClusterIpService(chart, 'SvcSame', { selector: { app: 'same' }, port: 80 });
    expect(ofRule(app, 'service-pod-templates')).toEqual([]);
  });
});

describe('ingress-host-tls', () => {
  test('warns for an HTTP rule on a host another Ingress serves with TLS (redirected to HTTPS)', () => {
    const { app, chart } = setup();
    new HttpIngress(chart, 'Http', { host: 'a.example.com', backend: BACKEND, path: '/plain' });
    tls(chart, 'Tls', 'a.example.com', 'a-tls');
    expect(ofRule(app, 'ingress-host-tls')).toEqual([expect.objectContaining({
      severity: FindingSeverity.WARNING, path: 'c/Http', message: expect.stringContaining('redirects this plain-HTTP rule to HTTPS (308'),
    })]);
  });
  test('passes when the HTTP Ingress sets ssl-redirect "false" (any ParseBool false)', () => {
    const { app, chart } = setup();
    new HttpIngress(chart, 'Http', { host: 'a.example.com', backend: BACKEND, path: '/plain', annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'False' } });
    tls(chart, 'Tls', 'a.example.com', 'a-tls');
    expect(ofRule(app, 'ingress-host-tls')).toEqual([]);
  });
  test('fails for two TLS Ingresses on one host with different certificates', () => {
    const { app, chart } = setup();
    tls(chart, 'One', 'a.example.com', 'one-tls');
    new TlsIngress(chart, 'Two', { host: 'a.example.com', path: '/two', mode: TlsMode.TERMINATION, tlsSecretName: 'two-tls', backend: BACKEND });
    expect(ofRule(app, 'ingress-host-tls')).toEqual([expect.objectContaining({
      severity: FindingSeverity.ERROR, path: 'c/Two', message: expect.stringContaining('is served with Secret "default/two-tls", but c/One serves it with "default/one-tls"'),
    })]);
  });
  test('passes for two TLS Ingresses on one host with the same certificate', () => {
    const { app, chart } = setup();
    tls(chart, 'One', 'a.example.com', 'a-tls');
    new TlsIngress(chart, 'Two', { host: 'a.example.com', path: '/two', mode: TlsMode.TERMINATION, tlsSecretName: 'a-tls', backend: BACKEND });
    expect(ofRule(app, 'ingress-host-tls')).toEqual([]);
  });
  test('fails for passthrough and termination on one host', () => {
    const { app, chart } = setup();
    new TlsIngress(chart, 'Pass', { host: 'a.example.com', mode: TlsMode.PASSTHROUGH, backend: { serviceName: 'web', port: 443 } });
    new TlsIngress(chart, 'Term', { host: 'a.example.com', path: '/x', mode: TlsMode.TERMINATION, tlsSecretName: 'a-tls', backend: BACKEND });
    expect(ofRule(app, 'ingress-host-tls')).toEqual([expect.objectContaining({
      severity: FindingSeverity.ERROR, path: 'c/Term', message: expect.stringContaining('is also passed through by c/Pass'),
    })]);
  });
  test('a raw Ingress with ssl-passthrough "True" counts as passthrough', () => {
    const { app, chart } = setup();
    new k8s.KubeIngress(chart, 'Raw', {
      metadata: { name: 'raw', annotations: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'True' } },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }] },
    });
    tls(chart, 'Term', 'a.example.com', 'a-tls');
    expect(ofRule(app, 'ingress-host-tls').map(f => f.path)).toEqual(['c/Term']);
  });
  test('different IngressClasses do not meet', () => {
    const { app, chart } = setup();
    tls(chart, 'One', 'a.example.com', 'one-tls');
    new TlsIngress(chart, 'Two', { host: 'a.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'two-tls', backend: BACKEND, ingressClassName: 'other' });
    expect(ofRule(app, 'ingress-host-tls')).toEqual([]);
  });
});

describe('ingress-class', () => {
  test('warns for an ingressClassName no in-app controller serves', () => {
    const { app, chart } = setup();
    new IngressNginxController(new Chart(app, 'ctl'), 'IngressNginx', {});
    new HttpIngress(chart, 'Ing', { host: 'a.example.com', backend: BACKEND, ingressClassName: 'ngnix' });
    expect(ofRule(app, 'ingress-class')).toEqual([expect.objectContaining({
      severity: FindingSeverity.WARNING, path: 'c/Ing', message: expect.stringContaining('"ngnix" is served by no controller of this app (which serves "nginx")'),
    })]);
  });
  test('passes without an in-app controller, and for the served class', () => {
    const { app, chart } = setup();
    new HttpIngress(chart, 'Other', { host: 'a.example.com', backend: BACKEND, ingressClassName: 'traefik' });
    expect(ofRule(app, 'ingress-class')).toEqual([]);
    new IngressNginxController(new Chart(app, 'ctl'), 'IngressNginx', {});
    new HttpIngress(chart, 'Nginx', { host: 'b.example.com', backend: BACKEND });
    expect(ofRule(app, 'ingress-class').map(f => f.path)).toEqual(['c/Other']);
  });
});

describe('host-port-node-port', () => {
  test('fails for a hostPort equal to a nodePort of the app', () => {
    const { app, chart } = setup();
    new HostPortPod(chart, 'Pod', { image: 'nginx:1.27', containerPort: 80, hostPort: 30888 });
    new NodePortService(chart, 'Svc', { selector: { app: 'web' }, port: 80, nodePort: 30888 });
    expect(ofRule(app, 'host-port-node-port')).toEqual([expect.objectContaining({
      severity: FindingSeverity.ERROR, path: 'c/Pod', message: expect.stringContaining('hostPort TCP 30888 is also the nodePort of c/Svc'),
    })]);
  });
  test('fails for a hostNetwork port equal to a nodePort', () => {
    const { app, chart } = setup();
    new HostNetworkPod(chart, 'Pod', { image: 'nginx:1.27', containerPort: 30888 });
    new NodePortService(chart, 'Svc', { selector: { app: 'web' }, port: 80, nodePort: 30888 });
    expect(ofRule(app, 'host-port-node-port').map(f => f.message)).toEqual([expect.stringContaining('hostNetwork port TCP 30888')]);
  });
  test('passes for other ports, other protocols, and ports outside the node-port range', () => {
    const { app, chart } = setup();
    new HostPortPod(chart, 'Pod', { image: 'nginx:1.27', containerPort: 80, hostPort: 30890 });
    new HostPortPod(chart, 'Udp', { image: 'nginx:1.27', containerPort: 80, hostPort: 30888, protocol: 'UDP' as any });
    new NodePortService(chart, 'Svc', { selector: { app: 'web' }, port: 80, nodePort: 30888 });
    new IngressNginxController(new Chart(app, 'ctl'), 'IngressNginx', { kind: ControllerKind.DAEMON_SET, hostNetwork: true });
    expect(ofRule(app, 'host-port-node-port')).toEqual([]);
  });
});
