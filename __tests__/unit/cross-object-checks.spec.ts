import { App, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import {
  AppDeployment, ClusterIpService, CrossObjectChecks, FindingSeverity, HostNetworkPod, HostPortPod, HttpIngress,
  NodePortService, Protocol, TlsIngress, TlsMode, Warnings,
} from '../../constructs';
import { synthLab } from '../helpers/lab';

function run(app: App) {
  return CrossObjectChecks.of(app).run();
}
const errors = (app: App) => run(app).filter(f => f.severity === FindingSeverity.ERROR);
const warnings = (app: App) => run(app).filter(f => f.severity === FindingSeverity.WARNING);

function web(chart: Chart, id = 'Web', labels = { app: 'web' }) {
  return new AppDeployment(chart, id, { image: 'nginx:1.27', containerPort: 80, labels });
}

test('the lab passes every app-wide check, with no warnings', () => {
  const { app } = synthLab();
  // among others: pod2-host-network does not collide with the hostNetwork controller, and the
  // controller runs with --enable-ssl-passthrough for svc5
  expect(run(app)).toEqual([]);
});

test('app.synth() runs the checks: errors fail it with the construct path', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  new HostPortPod(chart, 'A', { image: 'nginx', containerPort: 80, hostPort: 8080 });
  new HostPortPod(chart, 'B', { image: 'nginx', containerPort: 80, hostPort: 8080 });
  expect(() => app.synth()).toThrow(/\[c\/A\] TCP port 8080 on the node is also claimed by Pod\/b \(hostPort\)/);
});

test('warnings are recorded on the construct they are about and printed once, grouped', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  new ClusterIpService(chart, 'Orphan', { selector: { app: 'nobody' }, port: 80 });
  app.synth();
  app.synth();
  const ws = Warnings.collect(app);
  expect(ws).toHaveLength(1);
  expect(ws[0].path).toBe('c/Orphan');
  expect(Warnings.format(ws)).toMatch(/^cdk8s-expose: 1 warning\n {2}c\/Orphan\n {4}- spec.selector \{"app":"nobody"\} matches no pod template/);
});

describe('node ports', () => {
  test('fails when a raw Service reuses a nodePort of a NodePortService', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    web(chart);
    new NodePortService(chart, 'Web1', { selector: { app: 'web' }, port: 80, nodePort: 30080 });
    new k8s.KubeService(chart, 'Raw', { metadata: { name: 'raw' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 81, nodePort: 30080 }] } });
    expect(errors(app).map(e => e.message)).toEqual([expect.stringMatching(/spec\.ports\[0\]\.nodePort: 30080 is also used by c\/Web1/)]);
  });
  test('fails at synth when two NodePortServices use the same nodePort, naming both', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    web(chart);
    new NodePortService(chart, 'Web1', { selector: { app: 'web' }, port: 80, nodePort: 30080 });
    new NodePortService(chart, 'Web2', { selector: { app: 'web' }, port: 81, nodePort: 30080 });
    expect(errors(app)).toEqual([expect.objectContaining({ path: 'c/Web2', rule: 'node-port' })]);
    expect(() => app.synth()).toThrow(/\[c\/Web2\] spec\.ports\[0\]\.nodePort: 30080 is also used by c\/Web1/);
  });
  test('passes for different nodePorts, and for one port listed twice in one Service', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    web(chart);
    new NodePortService(chart, 'Web1', { selector: { app: 'web' }, port: 80, nodePort: 30080 });
    new NodePortService(chart, 'Web2', { selector: { app: 'web' }, port: 81, nodePort: 30081 });
    new k8s.KubeService(chart, 'Dual', {
      metadata: { name: 'dual' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 82, nodePort: 30082 }, { port: 82, protocol: 'UDP', nodePort: 30082 }] },
    });
    expect(errors(app)).toEqual([]);
  });
});

describe('host ports', () => {
  test('fails for two hostNetwork pods on the same port', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new HostNetworkPod(chart, 'A', { image: 'nginx', containerPort: 9000 });
    new HostNetworkPod(chart, 'B', { image: 'nginx', containerPort: 9000 });
    expect(errors(app)).toEqual([expect.objectContaining({ path: 'c/A', rule: 'host-port' })]);
  });
  test('fails for a hostPort pod against a hostNetwork pod', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new HostNetworkPod(chart, 'A', { image: 'nginx', containerPort: 9000 });
    new HostPortPod(chart, 'B', { image: 'nginx', containerPort: 80, hostPort: 9000 });
    expect(errors(app)).toHaveLength(1);
  });
  test('fails for a pod against a registered ingress controller\'s host ports', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const controller = new Chart(app, 'controller');
    CrossObjectChecks.registerIngressController(controller, { ingressClassName: 'nginx', sslPassthroughEnabled: true, hostPorts: [80, 443, 10254] });
    new HostNetworkPod(chart, 'Pod2', { image: 'nginx', containerPort: 80 });
    expect(errors(app).map(e => e.message)).toEqual([expect.stringMatching(/TCP port 80 on the node is also claimed by ingress controller controller/)]);
  });
  test('passes when nodeSelectors keep the pods apart', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const controller = new Chart(app, 'controller');
    CrossObjectChecks.registerIngressController(controller, { ingressClassName: 'nginx', sslPassthroughEnabled: true, hostPorts: [80], nodeSelector: { role: 'lb' } });
    new HostNetworkPod(chart, 'Pod2', { image: 'nginx', containerPort: 80, nodeSelector: { role: 'web' } });
    expect(errors(app)).toEqual([]);
  });
  test('passes for different protocols or different host IPs', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new HostPortPod(chart, 'Tcp', { image: 'nginx', containerPort: 53, hostPort: 5353, hostIp: '10.0.0.1' });
    new HostPortPod(chart, 'Other', { image: 'nginx', containerPort: 53, hostPort: 5353, hostIp: '10.0.0.2' });
    new HostPortPod(chart, 'Udp', { image: 'nginx', containerPort: 53, hostPort: 5353, hostIp: '10.0.0.1', protocol: Protocol.UDP });
    expect(errors(app)).toEqual([]);
  });
  test('only warns when an affinity may keep them apart', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new HostPortPod(chart, 'A', { image: 'nginx', containerPort: 80, hostPort: 8080 });
    new k8s.KubePod(chart, 'B', {
      metadata: { name: 'b' },
      spec: {
        affinity: { nodeAffinity: {} },
        containers: [{ name: 'x', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }],
      },
    });
    expect(errors(app)).toEqual([]);
    expect(warnings(app).filter(w => w.rule === 'host-port')).toHaveLength(1);
  });
});

describe('selectors', () => {
  test('warns about a Service that selects no pod template in the app', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    web(chart);
    new ClusterIpService(chart, 'Typo', { selector: { app: 'wbe' }, port: 80 });
    expect(warnings(app)).toEqual([expect.objectContaining({ path: 'c/Typo', rule: 'selector' })]);
  });
  test('a selector in another namespace does not count', () => {
    const app = Testing.app();
    const other = new Chart(app, 'other', { namespace: 'other' });
    web(other);
    const chart = new Chart(app, 'c');
    new ClusterIpService(chart, 'Svc', { selector: { app: 'web' }, port: 80 });
    expect(warnings(app).map(w => w.rule)).toEqual(['selector']);
  });
});

describe('ingress backends', () => {
  function setup() {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    web(chart);
    new ClusterIpService(chart, 'WebSvc', { name: 'web', selector: { app: 'web' }, port: 8080, targetPort: 80, portName: 'http' });
    return { app, chart };
  }
  test('fails for a port number the Service does not define', () => {
    const { app, chart } = setup();
    new HttpIngress(chart, 'Ing', { host: 'web.example.com', backend: { serviceName: 'web', port: 80 } });
    expect(errors(app).map(e => e.message)).toEqual([expect.stringMatching(/port\.number: 80 is not a port of Service "web" \(c\/WebSvc\); allowed: 8080/)]);
  });
  test('fails for a port name the Service does not define', () => {
    const { app, chart } = setup();
    new HttpIngress(chart, 'Ing', { host: 'web.example.com', backend: { serviceName: 'web', portName: 'https' } });
    expect(errors(app).map(e => e.message)).toEqual([expect.stringMatching(/port\.name: "https" is not a port name of Service "web" \(c\/WebSvc\); allowed: "http"/)]);
  });
  test('passes for the right number or name', () => {
    const { app, chart } = setup();
    new HttpIngress(chart, 'Ing', { host: 'web.example.com', backend: { serviceName: 'web', port: 8080 } });
    new HttpIngress(chart, 'Ing2', { host: 'web2.example.com', backend: { serviceName: 'web', portName: 'http' } });
    expect(run(app)).toEqual([]);
  });
  test('warns about a backend Service not defined in the app', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new HttpIngress(chart, 'Ing', { host: 'web.example.com', backend: { serviceName: 'elsewhere', port: 80 } });
    expect(warnings(app)).toEqual([expect.objectContaining({ rule: 'ingress-backend' })]);
  });
  test('fails for an Ingress naming a Service port longer than 15 characters', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    web(chart);
    new k8s.KubeService(chart, 'Raw', { metadata: { name: 'raw' }, spec: { selector: { app: 'web' }, ports: [{ name: 'a-very-long-port-name', port: 80 }] } });
    new k8s.KubeIngress(chart, 'Ing', {
      metadata: { name: 'ing' },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'raw', port: { name: 'a-very-long-port-name' } } } }] } }] },
    });
    expect(errors(app)).toEqual([expect.objectContaining({ path: 'c/Ing', rule: 'port-name' })]);
    expect(warnings(app)).toEqual([expect.objectContaining({ path: 'c/Raw', rule: 'port-name' })]);
  });
});

describe('host and path', () => {
  test('fails when two Ingresses of one class claim the same host and path', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new HttpIngress(chart, 'One', { host: 'a.example.com', backend: { serviceName: 'x', port: 80 } });
    new TlsIngress(chart, 'Two', { host: 'a.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'a-tls', backend: { serviceName: 'y', port: 80 } });
    expect(errors(app)).toEqual([expect.objectContaining({ path: 'c/Two', rule: 'ingress-host-path', message: expect.stringMatching(/already claimed by c\/One/) })]);
  });
  test('passes for other paths, hosts or IngressClasses', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new HttpIngress(chart, 'One', { host: 'a.example.com', backend: { serviceName: 'x', port: 80 } });
    new HttpIngress(chart, 'Two', { host: 'a.example.com', path: '/api', backend: { serviceName: 'x', port: 80 } });
    new HttpIngress(chart, 'Three', { host: 'b.example.com', backend: { serviceName: 'x', port: 80 } });
    new HttpIngress(chart, 'Four', { host: 'a.example.com', ingressClassName: 'internal', backend: { serviceName: 'x', port: 80 } });
    expect(errors(app)).toEqual([]);
  });
});

describe('TLS secrets', () => {
  test('fails for a TLS secret that is neither defined nor declared external', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new k8s.KubeIngress(chart, 'Raw', {
      metadata: { name: 'raw' },
      spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 'nowhere' }], rules: [{ host: 'a.example.com' }] },
    });
    expect(errors(app)).toEqual([expect.objectContaining({ path: 'c/Raw', rule: 'tls-secret', message: expect.stringMatching(/spec\.tls\[0\]\.secretName: Secret "nowhere"/) })]);
  });
  test('fails for a mounted secret that is not defined', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new AppDeployment(chart, 'Https', {
      image: 'nginx', containerPort: 8443,
      files: [{ sourceName: 'server-tls', key: 'tls.crt', mountPath: '/etc/tls/tls.crt', fromSecret: true }],
    });
    expect(errors(app)).toEqual([expect.objectContaining({ rule: 'tls-secret', message: expect.stringMatching(/spec\.volumes\[0\]\.secret\.secretName: Secret "server-tls"/) })]);
  });
  test('passes for a secret defined in the app, declared external, or issued by cert-manager', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new k8s.KubeSecret(chart, 'S', { metadata: { name: 'defined' }, type: 'kubernetes.io/tls' });
    CrossObjectChecks.declareExternalSecret(chart, 'external');
    // one host each: two certificates for one host are an ingress-host-tls error
    const tls = (secretName: string, host: string) => ({ ingressClassName: 'nginx', tls: [{ hosts: [host], secretName }] });
    new k8s.KubeIngress(chart, 'A', { metadata: { name: 'a' }, spec: tls('defined', 'a.example.com') });
    new k8s.KubeIngress(chart, 'B', { metadata: { name: 'b' }, spec: tls('external', 'b.example.com') });
    new k8s.KubeIngress(chart, 'C', { metadata: { name: 'c', annotations: { 'cert-manager.io/cluster-issuer': 'lab-ca' } }, spec: tls('shim', 'c.example.com') });
    expect(errors(app)).toEqual([]);
  });
  test('fails for a proxy-ssl-secret (REENCRYPT CA) that is neither defined nor declared external', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new TlsIngress(chart, 'T', {
      host: 'a.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 'a-tls', backend: { serviceName: 'x', port: 443 },
      backendCaSecretName: 'missing-ca', backendServerName: 'x.default.svc',
    });
    expect(errors(app)).toEqual([expect.objectContaining({
      path: 'c/T', rule: 'tls-secret',
      message: expect.stringMatching(/^metadata\.annotations\["nginx\.ingress\.kubernetes\.io\/proxy-ssl-secret"\]: Secret "missing-ca" \(namespace default\)/),
    })]);
  });
  test('passes for a proxy-ssl-secret declared external in its namespace', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'lab' });
    CrossObjectChecks.declareExternalSecret(chart, 'ca', 'lab');
    new k8s.KubeIngress(chart, 'Raw', {
      metadata: { name: 'raw', annotations: { 'nginx.ingress.kubernetes.io/proxy-ssl-secret': 'lab/ca' } },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }] },
    });
    expect(errors(app)).toEqual([]);
  });
  test('a TlsIngress\'s tlsSecretName counts as declared external', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new TlsIngress(chart, 'T', { host: 'a.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'made-by-kubectl', backend: { serviceName: 'x', port: 80 } });
    expect(errors(app)).toEqual([]);
  });
});

describe('ssl passthrough', () => {
  function passthrough(chart: Chart) {
    new TlsIngress(chart, 'P', { host: 'p.example.com', mode: TlsMode.PASSTHROUGH, backend: { serviceName: 'x', port: 443 } });
  }
  test('fails when the app\'s controller lacks --enable-ssl-passthrough', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    CrossObjectChecks.registerIngressController(new Chart(app, 'ctl'), { ingressClassName: 'nginx', sslPassthroughEnabled: false, hostPorts: [] });
    passthrough(chart);
    expect(errors(app)).toEqual([expect.objectContaining({ path: 'c/P', rule: 'ssl-passthrough', message: expect.stringMatching(/runs without --enable-ssl-passthrough/) })]);
  });
  test('passes when it has the flag', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    CrossObjectChecks.registerIngressController(new Chart(app, 'ctl'), { ingressClassName: 'nginx', sslPassthroughEnabled: true, hostPorts: [] });
    passthrough(chart);
    expect(run(app).filter(f => f.rule === 'ssl-passthrough')).toEqual([]);
  });
  test('warns when no controller is in the app', () => {
    const app = Testing.app();
    passthrough(new Chart(app, 'c'));
    expect(warnings(app).filter(f => f.rule === 'ssl-passthrough')).toEqual([expect.objectContaining({ message: expect.stringMatching(/needs .*--enable-ssl-passthrough/) })]);
  });
});
